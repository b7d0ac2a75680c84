using RpmKernel.Core.Records;
using RpmKernel.SemanticKernel.Batching;
using RpmKernel.SemanticKernel.Options;
using RpmKernel.SemanticKernel.Usage;

namespace RpmKernel.SemanticKernel.Tests.Usage;

/// <summary>Batch API calls: priced at half the list price unless a batch price is configured, and counted apart.</summary>
public sealed class BatchPriceTests
{
    [Fact]
    public void A_batch_row_costs_half_the_list_price_unless_a_batch_price_is_set()
    {
        var pricing = new RpmPricingOptions();
        pricing.Models["custom"] = new RpmModelPrice { InputPerMillion = 2m, OutputPerMillion = 4m, BatchInputPerMillion = 1.5m };
        var costs = new CostEstimator(pricing);

        // gpt-4o-mini: 1M in at $0.075 + 1M out at $0.30.
        Assert.Equal(0.375m, costs.Estimate(Row("gpt-4o-mini", 1_000_000, 1_000_000, batch: true)));
        Assert.Equal(0.75m, costs.Estimate(Row("gpt-4o-mini", 1_000_000, 1_000_000, batch: false)));

        // custom: the configured $1.50 input, half of $4 output.
        Assert.Equal(3.5m, costs.Estimate(Row("custom", 1_000_000, 1_000_000, batch: true)));
    }

    [Fact]
    public void A_usage_line_counts_its_batch_calls()
    {
        var rows = new[] { Row("gpt-4o-mini", 10, 1, batch: true), Row("gpt-4o-mini", 10, 1, batch: true), Row("gpt-4o-mini", 10, 1, batch: false) };

        var line = UsageReport.Create(rows, new CostEstimator(new RpmPricingOptions())).Total;

        Assert.Equal((3, 2), (line.Calls, line.BatchCalls));
    }

    [Fact]
    public void The_progress_line_names_the_stage_batch_status_counts_and_interval()
    {
        Assert.Equal(
            "extract-features: batch b_123 in_progress 120/400, polling every 30 s",
            new BatchProgress("extract-features", "b_123", "in_progress", 120, 400, TimeSpan.FromSeconds(30), Resumed: false).ToString());
        Assert.Equal(
            "construct-reasoning: batch b_9 (resumed) completed 4/4, polling every 250 ms",
            new BatchProgress("construct-reasoning", "b_9", "completed", 4, 4, TimeSpan.FromMilliseconds(250), Resumed: true).ToString());
    }

    private static UsageRow Row(string model, long input, long output, bool batch) => new()
    {
        Id = Guid.NewGuid(),
        UserId = "u",
        Task = "lamp3",
        Stage = "extract-features",
        Model = model,
        InputTokens = input,
        OutputTokens = output,
        Batch = batch,
        At = DateTimeOffset.UnixEpoch,
    };
}
