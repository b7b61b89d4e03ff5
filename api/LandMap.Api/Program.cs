using LandMap.Api.Data;
using LandMap.Api.Features.Health;
using LandMap.Api.Features.Ogc;
using LandMap.Api.Features.Reports;
using LandMap.Api.Features.Tiles;
using LandMap.Api.Features.WebMap;
using LandMap.Api.Problems;
using Scalar.AspNetCore;

var builder = WebApplication.CreateBuilder(args);

builder.AddLandMapDatabase();
builder.Services.ConfigureHttpJsonOptions(o =>
    o.SerializerOptions.Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping);
builder.Services.AddProblemDetails();
builder.Services.AddExceptionHandler<ProblemExceptionHandler>();
builder.Services.AddOpenApi(o => o.OpenApiVersion = Microsoft.OpenApi.OpenApiSpecVersion.OpenApi3_0);
builder.Services.AddOgcApi();
builder.Services.AddTilesApi();
builder.Services.AddLandMapHealth();

var app = builder.Build();

app.UseExceptionHandler();
app.UseStatusCodePages();
app.UseWebMap();

app.MapOpenApi();
app.MapScalarApiReference("/docs");
app.MapOgcApi();
app.MapTilesApi();
app.MapReportsApi();
app.MapHealth();

app.Run();

/// <summary>The entry point, visible to the test host.</summary>
public partial class Program;
