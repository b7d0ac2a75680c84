using Microsoft.Extensions.Configuration;
using RpmKernel.Samples.AgentTool;
using RpmKernel.Samples.AutoFunctionCalling;
using RpmKernel.Samples.InlinePersonalize;
using RpmKernel.Samples.PromptIteration;
using RpmKernel.Samples.Tests.Support;
using RpmKernel.Testing;

namespace RpmKernel.Samples.Tests;

public sealed class NoModelTests
{
    public static TheoryData<string> Samples => ["AgentTool", "AutoFunctionCalling", "InlinePersonalize", "PromptIteration"];

    [Theory]
    [MemberData(nameof(Samples))]
    public async Task Without_a_key_or_endpoint_a_sample_says_what_it_needs_and_exits_2_before_touching_the_store(string name)
    {
        using var directory = new TempDirectory();
        var database = directory.File("rpm.db");
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Rpm:Store:Sqlite:Path"] = database,
        }).Build();

        var (exitCode, text) = await SampleOutput.RunAsync(Sample(name), configuration);

        Assert.Equal(2, exitCode);
        Assert.Contains("export OPENAI_API_KEY=", text, StringComparison.Ordinal);
        Assert.Contains("export Rpm__Chat__Endpoint=", text, StringComparison.Ordinal);
        Assert.False(File.Exists(database));
    }

    [Fact]
    public async Task The_key_is_read_from_OPENAI_API_KEY_in_the_configuration_like_the_cli()
    {
        await using var host = await SampleHost.StartAsync();
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(host.Configuration().AsEnumerable().Where(kv => kv.Key != "Rpm:Chat:ApiKey"))
            .AddInMemoryCollection([KeyValuePair.Create("OPENAI_API_KEY", (string?)"sk-from-environment")])
            .Build();

        var (exitCode, _) = await SampleOutput.RunAsync(PromptIterationSample.RunAsync, configuration);

        Assert.Equal(0, exitCode);
        Assert.All(host.Server.ChatRequests, r => Assert.Equal("Bearer sk-from-environment", r.Headers["Authorization"]));
    }

    [Fact]
    public async Task A_server_that_refuses_the_key_ends_the_sample_with_exit_1_and_its_message()
    {
        await using var host = await SampleHost.StartAsync();
        host.Server.EnqueueFault(FakeFault.Status(401));

        var (exitCode, text) = await SampleOutput.RunAsync(PromptIterationSample.RunAsync, host.Configuration(("Rpm:Chat:MaxRetries", "0")));

        Assert.Equal(1, exitCode);
        Assert.StartsWith("error: ", text, StringComparison.Ordinal);
        Assert.Contains("401", text, StringComparison.Ordinal);
    }

    private static SampleOutput.Sample Sample(string name) => name switch
    {
        "AgentTool" => AgentToolSample.RunAsync,
        "AutoFunctionCalling" => AutoFunctionCallingSample.RunAsync,
        "InlinePersonalize" => InlinePersonalizeSample.RunAsync,
        _ => PromptIterationSample.RunAsync,
    };
}
