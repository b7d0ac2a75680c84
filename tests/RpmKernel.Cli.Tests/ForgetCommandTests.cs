using RpmKernel.Cli.Tests.Support;
using RpmKernel.Storage.Records;

namespace RpmKernel.Cli.Tests;

/// <summary><c>rpmk forget</c>: the receipt counts what was deleted, and afterwards nothing in the store mentions the user.</summary>
public sealed class ForgetCommandTests
{
    private const string Forgotten = "user-forget-7f3a";
    private const string Kept = "user-keep-2c9b";

    [Fact]
    public async Task Forget_deletes_records_models_cache_and_usage_of_one_user_only()
    {
        await using var cli = await CliHarness.StartAsync();
        await IngestAsync(cli, Forgotten);
        await IngestAsync(cli, Kept);
        await Ledger.AppendAsync(cli, Ledger.Row(Forgotten, "generate", 10, 5), Ledger.Row(Forgotten, "extract-features", 10, 5), Ledger.Row(Kept, "generate", 10, 5));
        await Ledger.CacheAsync(cli, Forgotten, "lamp2", "hash-a");
        await Ledger.CacheAsync(cli, Kept, "lamp2", "hash-b");
        var before = StoreContents.RowsMentioning(cli.DatabasePath, Forgotten);
        var keptBefore = StoreContents.RowsMentioning(cli.DatabasePath, Kept);

        var forget = await cli.RunAsync("forget", "--user", Forgotten, "--json");

        Assert.True(forget.ExitCode == 0, forget.ToString());
        Assert.Equal(["records", "models", "cacheEntries", "usageRows"], forget.Json.Select(p => p.Key));
        Assert.Equal(6, (int)forget.Json["records"]!);
        Assert.Equal(before[ReasoningRecordEntity.DefaultCollectionName], (int)forget.Json["records"]!);
        Assert.Equal(before[UserModelEntity.DefaultCollectionName], (int)forget.Json["models"]!);
        Assert.Equal(before[CachedResponseEntity.DefaultCollectionName], (int)forget.Json["cacheEntries"]!);
        Assert.Equal(before[UsageRowEntity.DefaultCollectionName], (int)forget.Json["usageRows"]!);
        Assert.True((int)forget.Json["cacheEntries"]! >= 1);
        Assert.True((int)forget.Json["usageRows"]! >= 2);

        Assert.All(StoreContents.RowsMentioning(cli.DatabasePath, Forgotten), table => Assert.True(table.Value == 0, $"{table.Key} still mentions the user"));
        Assert.Equal(keptBefore, StoreContents.RowsMentioning(cli.DatabasePath, Kept));
        var kept = await cli.RunAsync("explain", "--user", Kept, "--task", "lamp2", "--json");
        Assert.Equal(6, (int)kept.Json["itemCount"]!);
    }

    [Fact]
    public async Task Forget_one_task_keeps_the_other_tasks_and_prints_a_text_receipt()
    {
        await using var cli = await CliHarness.StartAsync();
        await IngestAsync(cli, Forgotten);
        await Ledger.AppendAsync(cli, Ledger.Row(Forgotten, "generate", 10, 5, task: "lamp3"));

        var forget = await cli.RunAsync("forget", "--user", Forgotten, "--task", "lamp2");

        Assert.True(forget.ExitCode == 0, forget.ToString());
        Assert.StartsWith($"Forgot user '{Forgotten}' (task lamp2): 6 records, 1 user model,", forget.Stdout, StringComparison.Ordinal);
        var usage = await cli.RunAsync("usage", "--user", Forgotten, "--json");
        Assert.Equal(1, (int)usage.Json["total"]!["calls"]!);
    }

    [Fact]
    public async Task Forget_needs_a_user_and_a_known_task()
    {
        await using var cli = await CliHarness.StartAsync();

        var noUser = await cli.RunAsync("forget");
        var badTask = await cli.RunAsync("forget", "--user", Forgotten, "--task", "lamp9");
        var nobody = await cli.RunAsync("forget", "--user", "never-seen", "--json");

        Assert.Equal(2, noUser.ExitCode);
        Assert.Contains("--user", noUser.Stderr, StringComparison.Ordinal);
        Assert.Equal(2, badTask.ExitCode);
        Assert.Contains("Unknown task 'lamp9'", badTask.Stderr, StringComparison.Ordinal);
        Assert.Equal(0, nobody.ExitCode);
        Assert.All(nobody.Json, p => Assert.Equal(0, (int)p.Value!));
    }

    private static async Task IngestAsync(CliHarness cli, string userId)
    {
        var history = cli.WriteFile($"{userId}.jsonl", Histories.SixMovies);
        var ingest = await cli.RunAsync("ingest", "--user", userId, "--task", "lamp2", "--history", history);
        Assert.True(ingest.ExitCode == 0, ingest.ToString());
    }
}
