using Microsoft.Extensions.Logging;
using RpmKernel.Core.Records;
using RpmKernel.SemanticKernel.Hosting;
using RpmKernel.SemanticKernel.Pipeline;
using RpmKernel.SemanticKernel.Tests.Support;

namespace RpmKernel.SemanticKernel.Tests.StageModels;

public sealed class ModelFamilyCheckTests
{
    [Theory]
    [InlineData("gpt-4o-mini", "gpt")]
    [InlineData("GPT-4.1", "gpt")]
    [InlineData("meta-llama/Llama-3-8B", "llama")]
    [InlineData("llama3.1:8b", "llama")]
    [InlineData("qwen2.5", "qwen")]
    [InlineData("4o", "")]
    public void The_family_is_the_leading_letters_of_the_name_without_its_owner(string model, string family) =>
        Assert.Equal(family, ModelFamilyCheck.Family(model));

    [Fact]
    public void Only_a_builder_of_another_family_is_named_and_only_once_per_user_and_task()
    {
        var built = Model("ann", new() { ["extract-features"] = "gpt-4o", ["construct-reasoning"] = "llama3.1:8b" });
        var check = new ModelFamilyCheck();

        Assert.Null(ModelFamilyCheck.Warning(Model("ann", new() { ["construct-reasoning"] = "gpt-4o" }), "gpt-4o-mini"));
        Assert.StartsWith("The memory of user 'ann' for task lamp2 was built by llama3.1:8b but is served by gpt-4o-mini", check.WarnOnce(built, "gpt-4o-mini"), StringComparison.Ordinal);
        Assert.Null(check.WarnOnce(built, "gpt-4o-mini"));
        Assert.NotNull(check.WarnOnce(built with { UserId = "ben" }, "gpt-4o-mini"));
    }

    [Fact]
    public async Task Personalize_logs_the_warning_once_when_the_host_asked_for_the_check()
    {
        await using var host = await RpmTestHost.StartAsync();
        using (var builder = host.Runtime(o => o.Chat.Model = "llama3.1"))
        {
            await builder.Pipeline.IngestAsync("alice", "lamp2", SampleHistories.MovieTags(3));
        }

        var logs = new CapturingLoggerFactory();
        var options = host.Options(o => (o.Chat.Model, o.Chat.WarnOnModelFamilyChange) = ("gpt-4o-mini", true));
        using var server = RpmRuntime.Create(options, logs);

        await server.Pipeline.PersonalizeAsync("alice", "lamp2", "A heist crew plans one last job.");
        await server.Pipeline.PersonalizeAsync("alice", "lamp2", "A robot learns to paint.");

        var warning = Assert.Single(logs.Entries, e => e.Level == LogLevel.Warning && e.Message.Contains("another family", StringComparison.Ordinal));
        Assert.Contains("built by llama3.1 but is served by gpt-4o-mini", warning.Message, StringComparison.Ordinal);
    }

    private static UserModel Model(string user, Dictionary<string, string> models) => new()
    {
        UserId = user,
        Task = "lamp2",
        ItemCount = 1,
        Factors = [],
        Models = models,
        Model = models.Values.Last(),
        BuiltAt = DateTimeOffset.UnixEpoch,
    };
}
