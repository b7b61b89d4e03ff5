using LandMap.Api.Data;
using LandMap.Api.Features.Health;
using LandMap.Api.Features.History;
using LandMap.Api.Features.LandUse;
using LandMap.Api.Features.Lifecycle;
using LandMap.Api.Features.Ogc;
using LandMap.Api.Features.Reports;
using LandMap.Api.Features.Supervision;
using LandMap.Api.Features.Tiles;
using LandMap.Api.Features.Uploads;
using LandMap.Api.Features.WebMap;
using LandMap.Api.Features.Zone;
using LandMap.Api.Hosting;
using LandMap.Api.Problems;
using Scalar.AspNetCore;

var builder = WebApplication.CreateBuilder(args);

builder.AddLandMapDatabase();
builder.Services.AddRequestLimits();
builder.Services.ConfigureHttpJsonOptions(o =>
    o.SerializerOptions.Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping);
builder.Services.AddProblemDetails();
builder.Services.AddExceptionHandler<ProblemExceptionHandler>();
builder.Services.AddLandMapOpenApi();
builder.Services.AddOgcApi();
builder.Services.AddTilesApi();
builder.Services.AddLifecycle();
builder.Services.AddLandMapHealth();
builder.Services.AddUploadsApi();
builder.Services.AddLandMapTransport(builder.Configuration);

var app = builder.Build();

app.UseLandMapTransport();
app.UseExceptionHandler();
app.UseStatusCodePages();
app.UseWebMap();

app.MapOpenApi();
app.MapScalarApiReference("/docs");
app.MapOgcApi();
app.MapItemsWriteApi();
app.MapTilesApi();
app.MapReportsApi();
app.MapLifecycleApi();
app.MapSupervisionApi();
app.MapLandUseApi();
app.MapZoneApi();
app.MapHistoryApi();
app.MapUploadsApi();
app.MapHealth();

app.Run();

/// <summary>The entry point, visible to the test host.</summary>
public partial class Program;
