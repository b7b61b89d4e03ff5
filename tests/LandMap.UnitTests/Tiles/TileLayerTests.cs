using LandMap.Api.Domain;
using LandMap.Api.Features.Tiles;

namespace LandMap.Tests.Tiles;

/// <summary>The tile layers follow the catalog: one per collection, attributes from its columns.</summary>
public sealed class TileLayerTests
{
    [Fact]
    public void Every_collection_of_the_catalog_has_a_tile_layer()
    {
        Assert.Equal(CollectionCatalog.All.Select(c => c.Id).Order(), TileLayers.All.Select(l => l.Id).Order());
        Assert.All(TileLayers.All, l => Assert.Contains("code", l.Attributes.Select(a => a.Name)));
    }

    [Theory]
    [InlineData(0, 0, 0)]
    [InlineData(14, 13690, 6871)]
    [InlineData(22, 4194303, 0)]
    public void Parsed_coordinates_are_the_path_values(int z, int x, int y)
    {
        var t = TileCoordinate.Parse($"{z}", $"{y}", $"{x}");
        Assert.Equal((z, x, y), (t.Z, t.X, t.Y));
    }

    [Fact]
    public void The_tile_of_a_point_matches_the_slippy_map_formula()
    {
        var (x, y) = Slippy.TileAt(120.81, 27.84, 14);
        Assert.Equal(new TileCoordinate(14, x, y), TileMatrix.TileAt(120.81, 27.84, 14));
    }

    [Fact]
    public void A_pixel_of_an_overview_tile_is_about_one_256th_of_the_tile_on_the_ground()
    {
        var t = TileMatrix.TileAt(120.81, 27.84, 10);
        Assert.Equal(Slippy.PixelGroundMetres(10, t.Y), t.PixelGroundMetres, 1e-6);
        Assert.InRange(t.PixelGroundMetres, 130, 140); // 152.9 m at the equator, × cos(27.8°)
        Assert.Equal(ZoomClass.Overview, t.ZoomClass);
        Assert.Equal(ZoomClass.Detail, TileMatrix.TileAt(120.81, 27.84, 14).ZoomClass);
    }
}
