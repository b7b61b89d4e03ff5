// The service under test over its own PostgreSQL/PostGIS cluster, started once for this assembly
// before any test (LandMap.Testing/Infrastructure/LandMapServer.cs). The unit tests declare none.
[assembly: AssemblyFixture(typeof(LandMap.Tests.Infrastructure.LandMapServer))]
