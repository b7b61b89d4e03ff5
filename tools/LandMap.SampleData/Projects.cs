using NetTopologySuite.Geometries;

namespace LandMap.SampleData;

/// <summary>A named project of the 2014 work report (and its 2015 plan), with the stage the report implies.</summary>
public sealed record ProjectSpec(string NameZh, string NameEn, string Park, string Stage, string Industry,
    decimal? InvestmentYi, decimal? PlannedMu, string? LandUse, int Parcels, Role Role, string? Progress = null)
{
    public string Code { get; set; } = "";

    /// <summary>What the project is (project_kinds): a school, hospital or park reads 投用 where a factory reads 投产.</summary>
    public string Kind => Industry switch
    {
        "education" or "health care" or "culture and sports" or "public park" or "housing" => "public_service",
        "transport" or "power supply" or "water utilities" or "environmental utilities" or "renewable energy" or "reclamation" => "infrastructure",
        "business and finance" or "real estate" => "commercial",
        _ => "industrial",
    };
    public List<Parcel> Linked { get; } = [];
    /// <summary>Where the point goes when the project has no parcel yet (an unparcelled block).</summary>
    public Coordinate? FreeSpot { get; set; }
}

public static class Projects
{
    // Investments are only given where the report states them (中电: 100 亿元, 3000 亩).
    public static readonly ProjectSpec[] All =
    [
        new("中电温州产业园", "CEC Wenzhou Industrial Park", "P-BH", "signed", "electronic information", 100m, 3000m, null, 0, Role.None),
        new("正泰民用智能电器", "Chint smart household electrical appliances", "P-BH", "under_construction", "electrical equipment", null, null, "0601", 2, Role.InUseBuilding, "building"),
        new("明泰标准件", "Mingtai standard fasteners", "P-BH", "under_construction", "fasteners", null, null, "0601", 2, Role.InUseBuilding, "building"),
        new("中韩医乐园", "Sino-Korean medical and wellness park", "P-JH", "land_listed", "health care", null, null, "0805", 2, Role.ApprovedUnsupplied),
        new("青年电商产业园", "Youth e-commerce industrial park", "P-BH", "in_operation", "e-commerce", null, null, "0508", 1, Role.InUseBuilt, "done"),
        new("金海现代物流园", "Jinhai modern logistics park", "P-JH", "completed", "logistics", null, null, "0508", 3, Role.InUseBuilt, "done"),
        new("滨海高级中学", "Binhai Senior High School", "P-BH", "completed", "education", null, null, "0803", 1, Role.InUseBuilt, "done"),
        new("滨城医院", "Bincheng Hospital", "P-BH", "under_construction", "health care", null, null, "0805", 1, Role.InUseBuilding, "building"),
        new("金海大厦", "Jinhai Tower", "P-JH", "under_construction", "business and finance", null, null, "0505", 1, Role.InUseBuilding, "building"),
        new("海洋科技创新园", "Marine science and technology innovation park", "P-JH", "under_construction", "marine technology", null, null, "0804", 1, Role.InUseBuilding, "building"),
        new("交通枢纽中心", "Transport hub centre", "P-JH", "under_construction", "transport", null, null, "1005", 1, Role.InUseBuilding, "building"),
        new("人才公寓", "Talent apartments", "P-JH", "under_construction", "housing", null, null, "0701", 1, Role.InUseBuilding, "building"),
        new("金海第一幼儿园", "Jinhai No. 1 Kindergarten", "P-JH", "under_construction", "education", null, null, "0803", 1, Role.InUseBuilding, "building"),
        new("金海卫生服务中心", "Jinhai community health service centre", "P-JH", "under_construction", "health care", null, null, "0805", 1, Role.InUseBuilding, "building"),
        new("文体广场", "Culture and sports plaza", "P-JH", "under_construction", "culture and sports", null, null, "0808", 1, Role.InUseBuilding, "building"),
        new("科技孵化器", "Science and technology incubator", "P-BH", "in_operation", "technology incubation", null, null, "0804", 1, Role.InUseBuilt, "done"),
        new("欧斯特阀门", "Oster valves", "P-BH", "under_construction", "valves", null, null, "0601", 1, Role.Sold2014Industrial, "building"),
        new("冷链物流", "Cold-chain logistics", "P-JH", "under_construction", "logistics", null, null, "0508", 1, Role.InUseBuilding, "building"),
        new("英特药业物流", "Yingte pharmaceutical logistics", "P-JH", "under_construction", "logistics", null, null, "0508", 1, Role.InUseBuilding, "building"),
        new("卷烟物流", "Tobacco logistics centre", "P-JH", "under_construction", "logistics", null, null, "0508", 1, Role.InUseBuilding, "building"),
        new("汽车梦工场", "Auto dream factory", "P-BH", "under_construction", "automotive culture", null, null, "0505", 1, Role.InUseBuilding, "building"),
        new("汽车金融论坛会址", "Auto finance forum venue", "P-BH", "under_construction", "business and finance", null, null, "0505", 1, Role.InUseBuilding, "building"),
        new("汽车主题公园", "Automobile theme park", "P-BH", "under_construction", "automotive culture", null, null, "0810", 1, Role.InUseBuilding, "building"),
        new("污泥焚烧热电联产", "Sludge incineration combined heat and power plant", "P-BH", "in_operation", "environmental utilities", null, null, "0809", 1, Role.InUseBuilt, "done"),
        new("台一现代农业观光园", "Taiyi modern agriculture sightseeing park", "P-HC", "under_construction", "agri-tourism", null, null, null, 0, Role.None),
        new("天成标准厂房", "Tiancheng standard factory buildings", "P-TH", "under_construction", "standard factory buildings", null, null, "0601", 2, Role.InUseBuilding, "building"),
        new("环保产业园", "Environmental protection industrial park", "P-BH", "design", "environmental protection", null, null, "0601", 2, Role.ApprovedUnsupplied),
        new("第二污水处理厂中水回用", "Second wastewater plant reclaimed-water reuse", "P-BH", "design", "water utilities", null, null, "0809", 1, Role.ApprovedUnsupplied),
        new("碧桂园", "Country Garden Binhai", "P-JH", "under_construction", "real estate", null, null, "0701", 2, Role.InUseBuilding, "building"),
        new("金海湖公园", "Jinhai Lake Park", "P-JH", "in_operation", "public park", null, null, "0810", 0, Role.InUseBuilt, "done"),
        new("滨海第一幼儿园", "Binhai No. 1 Kindergarten", "P-BH", "in_operation", "education", null, null, "0803", 1, Role.InUseBuilt, "done"),
        new("酸洗基地", "Pickling base", "P-BH", "design", "surface treatment", null, null, "0601", 1, Role.ApprovedUnsupplied),
        new("金海学校", "Jinhai School", "P-JH", "land_supplied", "education", null, null, "0803", 1, Role.SuppliedUnused),
        new("丁山标准厂房", "Dingshan standard factory buildings", "P-DS", "in_operation", "standard factory buildings", null, null, "0601", 2, Role.InUseBuilt, "done"),
        new("沙城食药基地", "Shacheng food and pharmaceutical base", "P-SC", "under_construction", "food and pharmaceuticals", null, null, "0601", 2, Role.InUseBuilding, "building"),
        new("天河中心幼儿园", "Tianhe Central Kindergarten", "P-TH", "under_construction", "education", null, null, "0803", 1, Role.InUseBuilding, "building"),
        new("瓯飞起步区围垦", "Oufei starter area reclamation", "P-OF", "under_construction", "reclamation", null, null, "1201", 2, Role.Reclaimed),
        new("公共租赁房", "Public rental housing", "P-BH", "under_construction", "housing", null, null, "0701", 1, Role.InUseBuilding, "building"),
        new("110kV丁山输变电工程", "Dingshan 110 kV substation", "P-DS", "under_construction", "power supply", null, null, "0809", 1, Role.InUseBuilding, "building"),
        new("滨海医院", "Binhai Hospital", "P-BH", "in_operation", "health care", null, null, "0805", 1, Role.InUseBuilt, "done"),
        new("中韩产业园", "Sino-Korean industrial park", "P-BH", "negotiating", "electronics, automotive, fashion", null, null, null, 0, Role.None),
        new("分布式光伏发电", "Distributed photovoltaic generation", "P-BH", "under_construction", "renewable energy", null, null, null, 0, Role.None),
    ];

    /// <summary>
    /// Links projects to parcels: the first parcel is drawn at random in the park, the rest are
    /// its nearest neighbours, so one project's parcels sit together. Projects with no parcel
    /// get the centre of an unparcelled block.
    /// </summary>
    public static void Link(IReadOnlyDictionary<string, ParkLayout> layouts, List<Parcel> parcels, Parcel lakePark)
    {
        var rng = new Random(2014);
        var usedSpots = new HashSet<Block>();
        for (var n = 0; n < All.Length; n++)
        {
            var spec = All[n];
            spec.Code = $"PRJ-{n + 1:000}";
            if (spec.NameZh == "金海湖公园")
            {
                Attach(spec, lakePark);
                continue;
            }
            if (spec.Parcels == 0)
            {
                var layout = layouts[spec.Park];
                var spots = layout.Blocks.Where(b => b.Reserved == "skip" && !usedSpots.Contains(b)).ToList();
                var spot = spots[rng.Next(spots.Count)];
                usedSpots.Add(spot);
                spec.FreeSpot = layout.BlockCentre(spot);
                continue;
            }
            var pool = parcels.Where(p => p.ParkCode == spec.Park && p.Role == Role.None && (!p.Coastal || spec.Park == "P-OF")).ToList();
            var first = pool[rng.Next(pool.Count)];
            foreach (var p in pool.OrderBy(p => p.Centre.Distance(first.Centre)).Take(spec.Parcels))
                Attach(spec, p);
        }
    }

    private static void Attach(ProjectSpec spec, Parcel p)
    {
        p.Role = spec.Role;
        p.ProjectProgress = spec.Progress;
        p.ProjectCode = spec.Code;
        p.Name = spec.NameZh;
        if (spec.LandUse is not null)
            p.LandUse = spec.LandUse;
        spec.Linked.Add(p);
    }
}
