namespace LandMap.Tests.Web.Comfort;

/// <summary>Issue 17's walk-through: a desk (1600x1000) and a tablet in landscape (1024x768), each in
/// Chinese and English; (lang, width, height) for a theory.</summary>
public sealed class DesksAndTablets : TheoryData<string, int, int>
{
    public DesksAndTablets()
    {
        Add("zh", 1600, 1000);
        Add("en", 1600, 1000);
        Add("zh", 1024, 768);
        Add("en", 1024, 768);
    }
}
