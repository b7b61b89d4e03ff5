using System.Reflection;
using LandMap.Api.Data;
using LandMap.Tests.Infrastructure;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace LandMap.Tests.Api;

/// <summary>
/// Every route of the service says where it reads (<see cref="ReadsFromAttribute"/>: the replica,
/// the primary with a reason, or no database). The routes are enumerated from the service's own
/// endpoint data source, so a route added without saying fails here, naming itself; what each
/// replica route really does against a real replica is <c>Faults.ReplicaRoutesTests</c>.
/// </summary>
public sealed class ReadSourceTests(LandMapServer server)
{
    private static readonly string[] ReplicaMethods = [HttpMethods.Get, HttpMethods.Head, HttpMethods.Post];

    [Fact]
    public void Every_route_declares_where_it_reads_and_its_handler_agrees()
    {
        var endpoints = server.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>().ToList();
        Assert.True(endpoints.Count > 40, $"only {endpoints.Count} endpoints found");
        var failures = new List<string>();
        foreach (var e in endpoints)
        {
            var name = $"{string.Join(",", Methods(e))} {e.RoutePattern.RawText}";
            if (e.Metadata.GetMetadata<ReadsFromAttribute>() is not { } reads)
            {
                failures.Add($"{name}: says nowhere where it reads: add .ReadsFromReplica(), .ReadsPrimary(\"why\"), .Writes() or .ReadsNoDatabase()");
                continue;
            }
            // A handler's own parameters: one taking the primary's NpgsqlDataSource reads there, one
            // taking ReadDataSource reads where it is handed (the deeper reads the replica test checks).
            var parameters = e.Metadata.GetMetadata<MethodInfo>()?.GetParameters().Select(p => p.ParameterType).ToList() ?? [];
            switch (reads.Source)
            {
                case ReadSource.Replica when parameters.Contains(typeof(NpgsqlDataSource)):
                    failures.Add($"{name}: marked as reading the replica, but its handler takes the primary's NpgsqlDataSource"); break;
                case ReadSource.Replica when Methods(e).Except(ReplicaMethods).Any():
                    failures.Add($"{name}: only GET and read-only POST routes may read the replica"); break;
                case ReadSource.None when parameters.Contains(typeof(NpgsqlDataSource)) || parameters.Contains(typeof(ReadDataSource)):
                    failures.Add($"{name}: marked as reading no database, but its handler takes a data source"); break;
                case ReadSource.Primary when parameters.Contains(typeof(ReadDataSource)):
                    failures.Add($"{name}: marked as the primary's ({reads.Reason}), but its handler takes ReadDataSource"); break;
            }
        }
        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    private static IReadOnlyList<string> Methods(RouteEndpoint e) => e.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? ["*"];
}
