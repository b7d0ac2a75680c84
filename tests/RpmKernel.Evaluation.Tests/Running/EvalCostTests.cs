using RpmKernel.Core.Errors;
using RpmKernel.Evaluation.Methods;
using RpmKernel.Evaluation.Running;
using RpmKernel.Evaluation.Tests.Support;
using RpmKernel.SemanticKernel.Options;

namespace RpmKernel.Evaluation.Tests.Running;

/// <summary>The report's cost columns come from <c>Rpm:Pricing</c>, the same prices <c>rpmk usage</c> uses.</summary>
public sealed class EvalCostTests
{
    [Fact]
    public async Task Costs_are_estimated_at_the_configured_price_of_the_chat_model()
    {
        await using var host = await EvalTestHost.StartAsync();
        var options = host.Options();
        options.Chat.Model = "house-model";
        options.Pricing.Models["House-Model"] = new RpmModelPrice { InputPerMillion = 3m, OutputPerMillion = 12m };

        var report = await EvalRunner.RunAsync(options, Lamp2Run.Options(host.Output, MethodCatalog.ZeroShot, MethodCatalog.Rpm));

        var pre = report.Preprocessing;
        Assert.True(pre.InputTokens > 0 && pre.OutputTokens > 0);
        var zeroShot = report.Methods.Single(m => m.Method == MethodCatalog.ZeroShot);
        var rpm = report.Methods.Single(m => m.Method == MethodCatalog.Rpm);
        Assert.Equal(((pre.InputTokens * 3.0) + (pre.OutputTokens * 12.0)) / 1e6 / pre.Users, rpm.CostPerUserUsd!.Value, 12);
        Assert.Equal(0, zeroShot.CostPerUserUsd);
        Assert.Equal(((zeroShot.InputTokens * 3.0) + (zeroShot.OutputTokens * 12.0)) / 1e6 / zeroShot.Predictions, zeroShot.CostPerQueryUsd!.Value, 12);
        Assert.Equal((3m, 12m), (report.Price!.InputPerMillion, report.Price.OutputPerMillion));
        Assert.Contains("Costs are estimates at $3/M input and $12/M output tokens.", await MarkdownWithThePaperRowAsync(host), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_model_without_a_configured_price_has_no_cost_but_keeps_the_paper_row()
    {
        await using var host = await EvalTestHost.StartAsync();
        var options = host.Options();
        options.Chat.Model = "gpt-4o-mini-2024-07-18";

        var report = await EvalRunner.RunAsync(options, Lamp2Run.Options(host.Output, MethodCatalog.ZeroShot, MethodCatalog.Rpm));

        Assert.Null(report.Price);
        Assert.All(report.Methods, m => Assert.Equal((null, null), (m.CostPerUserUsd, m.CostPerQueryUsd)));
        Assert.Contains("The model's price is unknown, so costs are not estimated.", await MarkdownWithThePaperRowAsync(host), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_negative_price_is_refused_before_any_model_call()
    {
        await using var host = await EvalTestHost.StartAsync();
        var options = host.Options();
        options.Pricing.Models["gpt-4o-mini"] = new RpmModelPrice { InputPerMillion = -1m, OutputPerMillion = 0.6m };

        var error = await Assert.ThrowsAsync<RpmInputException>(() => EvalRunner.RunAsync(options, Lamp2Run.Options(host.Output, MethodCatalog.ZeroShot, MethodCatalog.Rpm)));

        Assert.Contains("Rpm:Pricing:Models:gpt-4o-mini", error.Message, StringComparison.Ordinal);
        Assert.Empty(host.Server.ChatRequests);
    }

    /// <summary>report.md, after checking it keeps the paper's reference row whatever the configured price.</summary>
    private static async Task<string> MarkdownWithThePaperRowAsync(EvalTestHost host)
    {
        var markdown = await File.ReadAllTextAsync(Path.Combine(host.Output, "report.md"));
        Assert.Contains("| *paper: RPM, gpt-4o-mini* |", markdown, StringComparison.Ordinal);
        Assert.Contains("$0.058000 | $0.003700 |", markdown, StringComparison.Ordinal);
        return markdown;
    }
}
