using RpmKernel.Core.Errors;
using RpmKernel.Core.Records;
using RpmKernel.SemanticKernel.Options;
using RpmKernel.SemanticKernel.Usage;

namespace RpmKernel.SemanticKernel.Tests.Usage;

/// <summary>Cost estimates and usage sums, with expectations computed by hand from the list prices.</summary>
public sealed class UsageReportTests
{
    private static readonly CostEstimator Costs = new(new RpmPricingOptions());

    [Fact]
    public void Gpt_4o_mini_costs_fifteen_cents_in_and_sixty_cents_out_per_million_tokens()
    {
        Assert.Equal(0.75m, Costs.Estimate("gpt-4o-mini", 1_000_000, 1_000_000));
        Assert.Equal(0.000195m, Costs.Estimate("GPT-4o-mini", 500, 200));
        Assert.Null(Costs.Estimate("unknown-model", 10, 10));
    }

    [Fact]
    public void A_cache_hit_costs_nothing_whatever_its_tokens()
    {
        Assert.Equal(0m, Costs.Estimate(Row("u", "generate", 9_000, 9_000, cacheHit: true)));
        Assert.Equal(0m, Costs.Estimate(Row("u", "generate", 9_000, 9_000, model: "unpriced", cacheHit: true)));
    }

    [Fact]
    public void Configured_prices_replace_and_extend_the_defaults()
    {
        var pricing = new RpmPricingOptions();
        pricing.Models["local"] = new RpmModelPrice { InputPerMillion = 2m, OutputPerMillion = 4m };
        var costs = new CostEstimator(pricing);

        Assert.Equal(0.003m, costs.Estimate("local", 500, 500));
    }

    [Fact]
    public void A_negative_price_is_rejected_naming_the_model()
    {
        var pricing = new RpmPricingOptions();
        pricing.Models["bad"] = new RpmModelPrice { InputPerMillion = -1m };

        var error = Assert.Throws<RpmInputException>(() => new CostEstimator(pricing));
        Assert.Contains("Rpm:Pricing:Models:bad", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_report_sums_per_user_and_stage_and_keeps_cache_hits_apart()
    {
        UsageRow[] rows =
        [
            Row("b", "generate", 1000, 100),
            Row("a", "extract-features", 2000, 400),
            Row("a", "extract-features", 2000, 400),
            Row("a", "generate", 300, 30, cacheHit: true),
        ];

        var report = UsageReport.Create(rows, Costs);

        Assert.Equal([("a", "extract-features"), ("a", "generate"), ("b", "generate")], report.Stages.Select(s => (s.UserId!, s.Stage!)));
        var features = report.Stages[0];
        Assert.Equal((2, 0, 4000L, 800L), (features.Calls, features.CacheHits, features.InputTokens, features.OutputTokens));

        // 4000 x 0.15 / 1e6 + 800 x 0.60 / 1e6 = 0.0006 + 0.00048.
        Assert.Equal(0.00108m, features.EstimatedCost);
        var cached = report.Stages[1];
        Assert.Equal((0, 1, 0L, 300L, 0m), (cached.Calls, cached.CacheHits, cached.InputTokens, cached.CachedInputTokens, cached.EstimatedCost!.Value));
        Assert.Equal(["a", "b"], report.Users.Select(u => u.UserId!));

        // b: 1000 x 0.15 / 1e6 + 100 x 0.60 / 1e6 = 0.00015 + 0.00006.
        Assert.Equal(0.00021m, report.Users[1].EstimatedCost);
        Assert.Equal(0.00129m, report.Total.EstimatedCost);
        Assert.Equal(3, report.Total.Calls);
        Assert.Empty(report.UnpricedModels);
    }

    [Fact]
    public void An_unpriced_model_makes_the_sums_it_is_in_unknown_and_is_listed()
    {
        UsageRow[] rows = [Row("a", "generate", 10, 10, model: "mystery"), Row("b", "generate", 1_000_000, 0)];

        var report = UsageReport.Create(rows, Costs);

        Assert.Null(report.Users[0].EstimatedCost);
        Assert.Equal(0.15m, report.Users[1].EstimatedCost);
        Assert.Null(report.Total.EstimatedCost);
        Assert.Equal(["mystery"], report.UnpricedModels);
    }

    [Fact]
    public void Each_row_is_priced_at_its_own_model_so_one_user_can_mix_prices()
    {
        var pricing = new RpmPricingOptions();
        pricing.Models["big"] = new RpmModelPrice { InputPerMillion = 10m, OutputPerMillion = 30m };
        UsageRow[] rows = [Row("a", "extract-features", 1000, 100, model: "big"), Row("a", "generate", 1000, 100)];

        var report = UsageReport.Create(rows, new CostEstimator(pricing));

        // big: 1000 x 10 / 1e6 + 100 x 30 / 1e6 = 0.013; gpt-4o-mini: 1000 x 0.15 / 1e6 + 100 x 0.60 / 1e6 = 0.00021.
        Assert.Equal([0.013m, 0.00021m], report.Stages.Select(l => l.EstimatedCost!.Value));
        Assert.Equal(0.01321m, report.Total.EstimatedCost);
    }

    [Fact]
    public void A_total_with_an_unpriced_model_keeps_its_priced_part_and_the_unpriced_tokens_per_model()
    {
        UsageRow[] rows =
        [
            Row("a", "generate", 1_000_000, 0),
            Row("a", "extract-features", 40, 2, model: "mystery"),
            Row("b", "extract-features", 60, 8, model: "mystery"),
            Row("b", "generate", 500, 500, model: "other", cacheHit: true),
        ];

        var report = UsageReport.Create(rows, Costs);

        Assert.Null(report.Total.EstimatedCost);
        Assert.Equal((0.15m, 2, 110L), (report.Total.PricedCost, report.Total.UnpricedCalls, report.Total.UnpricedTokens));
        Assert.Equal([new UnpricedUsage("mystery", 2, 100, 10)], report.Unpriced);
        Assert.Equal((0m, 68L), (report.Users[1].PricedCost, report.Users[1].UnpricedTokens));
    }

    private static UsageRow Row(string user, string stage, long input, long output, string model = "gpt-4o-mini", bool cacheHit = false) => new()
    {
        Id = Guid.NewGuid(),
        UserId = user,
        Task = "lamp2",
        Stage = stage,
        Model = model,
        InputTokens = input,
        OutputTokens = output,
        CacheHit = cacheHit,
        At = DateTimeOffset.UnixEpoch,
    };
}
