using LandMap.Api.Auth;
using LandMap.Api.Data;
using LandMap.Api.Domain;
using LandMap.Api.Features.Health;
using LandMap.Api.Features.History;
using LandMap.Api.Features.LandUse;
using LandMap.Api.Features.Lifecycle;
using LandMap.Api.Features.Ogc;
using LandMap.Api.Features.Planning;
using LandMap.Api.Features.Reports;
using LandMap.Api.Features.Supervision;
using LandMap.Api.Features.Tiles;
using LandMap.Api.Features.Uploads;
using LandMap.Api.Features.Vocabulary;
using LandMap.Api.Features.WebMap;
using LandMap.Api.Features.Zone;
using LandMap.Api.Hosting;
using LandMap.Api.Limits;
using LandMap.Api.Observability;
using LandMap.Api.Problems;

// Admin commands run against the database and exit; the web server does not start.
if (args is ["tokens", .. var tokenArgs]) return await TokensCli.RunAsync(tokenArgs, Console.Out);

var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = ContentRoot.Default(args) });

// Under systemd (deploy/landmap.service, Type=notify): readiness, stop and journal-style logs; elsewhere nothing.
builder.Host.UseSystemd();
builder.AddLandMapDatabase();
builder.AddLandMapObservability();
builder.Services.AddRequestLimits();
builder.Services.ConfigureHttpJsonOptions(o =>
    o.SerializerOptions.Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping);
builder.Services.AddProblemDetails(Problem.Configure);
builder.Services.AddExceptionHandler<ProblemExceptionHandler>();
builder.Services.AddLandMapOpenApi();
builder.Services.AddOgcApi();
builder.Services.AddTilesApi();
builder.Services.AddLifecycle();
builder.Services.AddLandMapHealth();
builder.Services.AddUploadsApi();
builder.Services.AddPlanningApi();
builder.Services.AddLandMapAuth();
builder.Services.AddLandMapRateLimits();
builder.Services.AddLandMapTransport();
builder.Services.AddWebMap();
builder.Services.AddBodyIntake();

var app = builder.Build();

// Operator commands: "migrate" (schema only) and "seed" (schema and sample data) run and exit.
if (args is [var command, ..] && DatabaseCommands.Names.Contains(command)) return await DatabaseCommands.RunAsync(app, command);

app.UseRequestIds();
app.UseSecurityHeaders();
app.UseLandMapTransport();
app.UseExceptionHandler();
// A client gone mid-request (499) or a body Kestrel refused (408, 413) is no error of ours.
app.UseBodyFailures();
app.UseStatusCodePages();
app.UseWebMap();
// One address holds at most a few requests at once, bodies still arriving included.
app.UseClientConcurrency();
// Who first (the limits count per token), then the limits, then what they may do: a flood of
// bad tokens is limited per address before it costs anything more.
app.UseAuthentication();
// JSON bodies are read whole before a service slot is taken: a slow sender holds only its connection.
app.UseBodyIntake();
app.UseLandMapRateLimits();
app.UseAuthorization();
// Reads handed a replica that turns out to be down are run again on the primary.
app.UseReplicaFallback();

// Open to all: the map's static files (above), the API documents, health and metrics.
app.MapOpenApi().ReadsNoDatabase();
app.MapApiReference().ReadsNoDatabase();
app.MapHealth();
app.MapMetrics().ReadsNoDatabase();

// Data: the read policy (anonymous when LandMap:Auth:AnonymousRead is on; a narrowed token reads
// its collections: the route's {collectionId}, else what the route says it reads); writes check more inside.
var data = app.MapGroup("").RequireAuthorization(Policies.Read)
    // A format a route does not serve is a 400 naming f (the OGC routes hold every parameter to their definition).
    .RejectsUndeclaredQuery(formatOnly: true);
data.MapOgcApi();
data.MapItemsWriteApi();
data.MapTilesApi();
data.MapLifecycleApi();
data.MapLandUseApi();
data.MapVocabularyApi();
data.MapUploadsApi();
var parcelData = data.MapGroup("").ReadsCollections(CollectionCatalog.Parcels.Id);
parcelData.MapReportsApi();
parcelData.MapSupervisionApi();
parcelData.MapZoneApi();
parcelData.MapHistoryApi();
data.MapPlanningApi().ReadsCollections(CollectionCatalog.Parcels.Id, CollectionCatalog.PlanZones.Id,
    CollectionCatalog.ControlLines.Id, CollectionCatalog.ProtectedAreas.Id);
data.MapComplianceApi();
app.MapTokensApi();
// Last, over every route above: HEAD wherever GET is served.
app.AnswerHeadWhereGetIsServed();

await app.RunAsync();
return 0;

/// <summary>The entry point, visible to the test host.</summary>
public partial class Program;
