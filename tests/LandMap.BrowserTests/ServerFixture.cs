using LandMap.Tests.Infrastructure;

// The service under test over its own PostgreSQL/PostGIS cluster, started once for this assembly
// before any test (LandMap.Testing/Infrastructure/LandMapServer.cs). The unit tests declare none.
[assembly: AssemblyFixture(typeof(LandMapServer))]
// A cluster apart from the integration tier's, so both assemblies can run at once.
[assembly: TestCluster(".pgdata-test-browser", portOffset: 9)]
