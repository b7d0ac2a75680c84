using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.SemanticKernel;
using RpmKernel.Core.Errors;
using RpmKernel.Core.Scopes;
using RpmKernel.SemanticKernel.Hosting;
using RpmKernel.SemanticKernel.Pipeline;
using RpmKernel.SemanticKernel.Plugin;
using RpmKernel.SemanticKernel.Tests.Support;
using RpmKernel.Testing;

namespace RpmKernel.SemanticKernel.Tests.Plugin;

public sealed class PersonalizationPluginTests
{
    [Fact]
    public async Task AddRpm_imports_only_the_read_only_tools_and_they_work_for_the_user_the_host_registered()
    {
        await using var host = await RpmTestHost.StartAsync();
        var builder = Kernel.CreateBuilder();
        builder.Services.AddSingleton<IRpmScopeAccessor>(new FixedScopeAccessor(new RpmScope("alice", "lamp2")));
        var kernel = builder.AddRpm(HostConfiguration.For(host)).Build();
        await kernel.Services.GetRequiredService<IRpmPipeline>().IngestAsync("alice", "lamp2", SampleHistories.MovieTags(5));

        var plugin = kernel.Plugins[PersonalizationPlugin.PluginName];
        Assert.Equal(["ExplainUser", "Personalize"], plugin.Select(f => f.Name).Order());
        Assert.Equal(["query"], plugin["Personalize"].Metadata.Parameters.Select(p => p.Name));
        Assert.Empty(plugin["ExplainUser"].Metadata.Parameters);
        Assert.All(plugin, f => Assert.False(string.IsNullOrWhiteSpace(f.Description)));

        var personalize = await kernel.InvokeAsync(PersonalizationPlugin.PluginName, "Personalize", new KernelArguments { ["query"] = "A cyborg uprising in a walled city." });
        using (var doc = JsonDocument.Parse(personalize.GetValue<string>()!))
        {
            // The answer the model needs, not the provenance blob.
            var root = doc.RootElement;
            Assert.Equal(["answer", "examples", "reasoning"], root.EnumerateObject().Select(p => p.Name).Order());
            Assert.Contains(root.GetProperty("answer").GetString(), kernel.Services.GetRequiredService<RpmRuntime>().Prompts.GetTask("lamp2").Labels);
            Assert.Equal(2, root.GetProperty("examples").GetInt32());
        }

        var explain = await kernel.InvokeAsync(PersonalizationPlugin.PluginName, "ExplainUser");
        using (var doc = JsonDocument.Parse(explain.GetValue<string>()!))
        {
            Assert.Equal(5, doc.RootElement.GetProperty("itemCount").GetInt32());
            Assert.Equal("lamp2", doc.RootElement.GetProperty("task").GetString());
            Assert.True(doc.RootElement.GetProperty("factors").GetArrayLength() > 0);
            Assert.False(doc.RootElement.TryGetProperty("promptVersions", out _));
        }
    }

    [Fact]
    public async Task With_no_user_bound_every_tool_refuses_before_any_model_call()
    {
        await using var host = await RpmTestHost.StartAsync();
        using var runtime = host.Runtime();
        var kernel = new Kernel();
        kernel.Plugins.Add(new PersonalizationPlugin(runtime.Pipeline).CreateKernelPlugin());

        var personalize = await Assert.ThrowsAsync<RpmInputException>(() => kernel.InvokeAsync("Rpm", "Personalize", new KernelArguments { ["query"] = "q" }));
        var explain = await Assert.ThrowsAsync<RpmInputException>(() => kernel.InvokeAsync("Rpm", "ExplainUser"));

        Assert.StartsWith("No user is bound to this call", personalize.Message, StringComparison.Ordinal);
        Assert.Contains(PersonalizationPlugin.ScopeArgument, explain.Message, StringComparison.Ordinal);
        Assert.Empty(host.Server.ChatRequests);
    }

    [Fact]
    public async Task The_scope_argument_binds_only_as_the_hosts_RpmScope_object_never_as_text()
    {
        await using var host = await RpmTestHost.StartAsync();
        using var runtime = host.Runtime();
        await runtime.Pipeline.IngestAsync("alice", "lamp2", SampleHistories.MovieTags(3));
        var kernel = new Kernel();
        kernel.Plugins.Add(new PersonalizationPlugin(runtime.Pipeline).CreateKernelPlugin());

        var byObject = await kernel.InvokeAsync("Rpm", "ExplainUser", new KernelArguments { [PersonalizationPlugin.ScopeArgument] = new RpmScope("alice", "lamp2") });
        var asText = await Assert.ThrowsAsync<RpmInputException>(() =>
            kernel.InvokeAsync("Rpm", "ExplainUser", new KernelArguments { [PersonalizationPlugin.ScopeArgument] = "alice/lamp2" }));
        var asJson = await Assert.ThrowsAsync<RpmInputException>(() =>
            kernel.InvokeAsync("Rpm", "ExplainUser", new KernelArguments { [PersonalizationPlugin.ScopeArgument] = JsonDocument.Parse("""{"userId":"alice","task":"lamp2"}""").RootElement }));

        using (var doc = JsonDocument.Parse(byObject.GetValue<string>()!))
        {
            Assert.Equal(3, doc.RootElement.GetProperty("itemCount").GetInt32());
        }

        Assert.Contains("must be an RpmScope object", asText.Message, StringComparison.Ordinal);
        Assert.Contains("must be an RpmScope object", asJson.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_plugin_bound_with_For_ignores_a_scope_in_the_arguments()
    {
        await using var host = await RpmTestHost.StartAsync();
        using var runtime = host.Runtime();
        await runtime.Pipeline.IngestAsync("alice", "lamp2", SampleHistories.MovieTags(3));
        await runtime.Pipeline.IngestAsync("carol", "lamp2", SampleHistories.MovieTags(4));
        var plugin = PersonalizationPlugin.For(runtime.Pipeline, new RpmScope("alice", "lamp2"));

        var json = await plugin.ExplainUserAsync(new KernelArguments { [PersonalizationPlugin.ScopeArgument] = new RpmScope("carol", "lamp2") });

        using var doc = JsonDocument.Parse(json);
        Assert.Equal(3, doc.RootElement.GetProperty("itemCount").GetInt32());
    }

    [Fact]
    public async Task Opted_in_IngestHistory_and_ForgetUser_are_refused_without_the_hosts_approval_and_run_with_it()
    {
        await using var host = await RpmTestHost.StartAsync();
        using var runtime = host.Runtime();
        var approvals = new List<RpmToolApproval>();
        var approve = false;
        var options = new RpmToolOptions
        {
            AllowLearning = true,
            AllowForget = true,
            Approve = (request, _) =>
            {
                approvals.Add(request);
                return ValueTask.FromResult(approve);
            },
        };
        var kernel = new Kernel();
        kernel.Plugins.Add(PersonalizationPlugin.For(runtime.Pipeline, new RpmScope("alice", "lamp2"), options).CreateKernelPlugin());
        var history = JsonSerializer.Serialize(SampleHistories.MovieTags(3), RpmJson.Compact);
        Assert.Equal(["ExplainUser", "ForgetUser", "IngestHistory", "Personalize"], kernel.Plugins["Rpm"].Select(f => f.Name).Order());
        Assert.Equal(["history"], kernel.Plugins["Rpm"]["IngestHistory"].Metadata.Parameters.Select(p => p.Name));
        Assert.Empty(kernel.Plugins["Rpm"]["ForgetUser"].Metadata.Parameters);

        var refused = await Assert.ThrowsAsync<RpmInputException>(() => kernel.InvokeAsync("Rpm", "IngestHistory", new KernelArguments { ["history"] = history }));
        Assert.Contains("did not approve IngestHistory", refused.Message, StringComparison.Ordinal);
        Assert.Empty(host.Server.ChatRequests);
        Assert.Equal(new RpmToolApproval("IngestHistory", new RpmScope("alice", "lamp2"), "Learn 3 history items for user 'alice' (lamp2).", 3), Assert.Single(approvals));

        approve = true;
        var ingested = await kernel.InvokeAsync("Rpm", "IngestHistory", new KernelArguments { ["history"] = history });
        Assert.Equal("""{"items":3,"failed":0}""", ingested.GetValue<string>());
        Assert.Equal(3, (await runtime.Pipeline.ExplainAsync("alice", "lamp2")).ItemCount);

        approve = false;
        await Assert.ThrowsAsync<RpmInputException>(() => kernel.InvokeAsync("Rpm", "ForgetUser"));
        Assert.Equal(3, (await runtime.Pipeline.ExplainAsync("alice", "lamp2")).ItemCount);
        approve = true;
        var forgotten = await kernel.InvokeAsync("Rpm", "ForgetUser");
        Assert.Equal("""{"records":3,"models":1}""", forgotten.GetValue<string>());
        Assert.Equal("ForgetUser", approvals[^1].Tool);
    }

    [Fact]
    public async Task Opting_in_without_an_approval_callback_refuses_every_write()
    {
        await using var host = await RpmTestHost.StartAsync();
        using var runtime = host.Runtime();
        var plugin = PersonalizationPlugin.For(runtime.Pipeline, new RpmScope("alice", "lamp2"), new RpmToolOptions { AllowLearning = true });
        var kernel = new Kernel();
        kernel.Plugins.Add(plugin.CreateKernelPlugin());

        var error = await Assert.ThrowsAsync<RpmInputException>(() =>
            kernel.InvokeAsync("Rpm", "IngestHistory", new KernelArguments { ["history"] = JsonSerializer.Serialize(SampleHistories.MovieTags(2), RpmJson.Compact) }));

        Assert.Contains("did not approve", error.Message, StringComparison.Ordinal);
        Assert.Empty(host.Server.ChatRequests);
        Assert.DoesNotContain(kernel.Plugins["Rpm"], f => f.Name == "ForgetUser");
    }

    [Fact]
    public async Task A_malformed_history_argument_is_refused_with_the_expected_shape()
    {
        await using var host = await RpmTestHost.StartAsync();
        using var runtime = host.Runtime();
        var options = new RpmToolOptions { AllowLearning = true, Approve = (_, _) => ValueTask.FromResult(true) };
        var kernel = new Kernel();
        kernel.Plugins.Add(PersonalizationPlugin.For(runtime.Pipeline, new RpmScope("alice", "lamp2"), options).CreateKernelPlugin());

        var error = await Assert.ThrowsAsync<RpmInputException>(() => kernel.InvokeAsync("Rpm", "IngestHistory", new KernelArguments { ["history"] = "{not an array" }));

        Assert.Contains("JSON array", error.Message, StringComparison.Ordinal);
        Assert.Empty(host.Server.ChatRequests);
    }

    [Fact]
    public async Task Several_allowed_tasks_give_a_task_argument_limited_to_those_names()
    {
        await using var host = await RpmTestHost.StartAsync();
        using var runtime = host.Runtime();
        await runtime.Pipeline.IngestAsync("alice", "lamp2", SampleHistories.MovieTags(3));
        var options = new RpmToolOptions { AllowedTasks = { "lamp2", "lamp3" } };
        var kernel = new Kernel();
        kernel.Plugins.Add(PersonalizationPlugin.For(runtime.Pipeline, new RpmScope("alice", "lamp2"), options).CreateKernelPlugin());
        var explain = kernel.Plugins["Rpm"]["ExplainUser"];

        var task = Assert.Single(explain.Metadata.Parameters);
        Assert.Equal("task", task.Name);
        Assert.Equal(["lamp2", "lamp3"], task.Schema!.RootElement.GetProperty("enum").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(["query", "task"], kernel.Plugins["Rpm"]["Personalize"].Metadata.Parameters.Select(p => p.Name));

        var allowed = await kernel.InvokeAsync(explain, new KernelArguments { ["task"] = "lamp2" });
        var path = await Assert.ThrowsAsync<RpmInputException>(() => kernel.InvokeAsync(explain, new KernelArguments { ["task"] = "/etc/passwd" }));

        Assert.Contains("\"itemCount\":3", allowed.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal("The task '/etc/passwd' is not allowed here; choose one of: lamp2, lamp3.", path.Message);
    }

    [Fact]
    public async Task An_allowed_task_that_is_a_path_is_a_configuration_error()
    {
        await using var host = await RpmTestHost.StartAsync();
        using var runtime = host.Runtime();

        var error = Assert.Throws<RpmInputException>(() => new PersonalizationPlugin(runtime.Pipeline, options: new RpmToolOptions { AllowedTasks = { "lamp2", "tasks/wine.yaml" } }));

        Assert.Contains("'tasks/wine.yaml' is not a task name", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_tool_error_that_carries_a_key_leaves_masked_and_without_the_original()
    {
        var secrets = new Core.Text.SecretRedactor();
        secrets.Add("registered-secret-value");

        var model = await Assert.ThrowsAsync<InvalidOperationException>(() => ToolErrors.GuardAsync(secrets,
            () => throw new HttpRequestException("The model refused the key sk-abcdefghijklmnopqrstuvwxyz123456 (401).")));
        var input = await Assert.ThrowsAsync<RpmInputException>(() => ToolErrors.GuardAsync(secrets,
            () => throw new RpmInputException("Bad setting registered-secret-value.")));
        var plain = await Assert.ThrowsAsync<RpmInputException>(() => ToolErrors.GuardAsync(secrets, () => throw new RpmInputException("No secret here.")));

        Assert.Equal("The model refused the key *** (401).", model.Message);
        Assert.Null(model.InnerException);
        Assert.Equal("Bad setting ***.", input.Message);
        Assert.Equal("No secret here.", plain.Message);
    }
}
