using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using RpmKernel.SemanticKernel.Options;
using RpmKernel.SemanticKernel.Prompts;
using RpmKernel.SemanticKernel.Stages;

namespace RpmKernel.SemanticKernel.Tests.Stages;

public sealed class ResponseCacheKeyTests
{
    [Theory]
    [InlineData(StructuredOutputMode.JsonSchema)]
    [InlineData(StructuredOutputMode.Text)]
    public void The_key_of_a_call_is_the_key_every_earlier_version_stored_its_answers_under(StructuredOutputMode mode)
    {
        var prompt = PromptLibrary.Load(new RpmPromptOptions()).Get(RpmStage.Generate);

        // Non-ASCII text in the schema and the messages, so any change of encoding or length framing shows.
        var schema = (JsonObject)prompt.Schema.DeepClone();
        schema["description"] = "Réponse « personnalisée » — 答え 🙂";
        var rendered = "<message role=\"user\">Café naïve 🙂 \"quoted\" \\ back\nslash</message>";
        var cache = new ResponseCache(store: null!, TimeProvider.System, StageChatMap.Single(new RpmChatOptions { StructuredOutput = mode }, "gpt-4o-mini"));
        var call = new StageCall(prompt, schema, new UsageLedger(new StageCallContext("alice", "lamp2")));

        Assert.Equal(EarlierKey("gpt-4o-mini", mode, prompt, schema, rendered), cache.KeyOf(call, rendered));
        Assert.NotEqual(cache.KeyOf(call, rendered), cache.KeyOf(call, rendered + " "));
    }

    [Fact]
    public void A_schema_used_again_keys_each_call_as_the_mode_it_is_made_in()
    {
        var prompt = PromptLibrary.Load(new RpmPromptOptions()).Get(RpmStage.Generate);
        var schema = (JsonObject)prompt.Schema.DeepClone();
        var rendered = "<message role=\"user\">Which tag?</message>";
        var call = new StageCall(prompt, schema, new UsageLedger(new StageCallContext("alice", "lamp2")));
        foreach (var mode in new[] { StructuredOutputMode.JsonSchema, StructuredOutputMode.JsonSchema, StructuredOutputMode.Text, StructuredOutputMode.JsonSchema })
        {
            var cache = new ResponseCache(store: null!, TimeProvider.System, StageChatMap.Single(new RpmChatOptions { StructuredOutput = mode }, "gpt-4o-mini"));
            Assert.Equal(EarlierKey("gpt-4o-mini", mode, prompt, schema, rendered), cache.KeyOf(call, rendered));
        }

        // The same schema under a prompt with other settings (a reloaded file) keys by that prompt's settings.
        var reloaded = PromptLibrary.Load(new RpmPromptOptions()).Get(RpmStage.Generate);
        reloaded.Settings["temperature"] = 0.9;
        var again = new StageCall(reloaded, schema, call.Ledger);
        var jsonSchema = new ResponseCache(store: null!, TimeProvider.System, StageChatMap.Single(new RpmChatOptions(), "gpt-4o-mini"));
        Assert.Equal(EarlierKey("gpt-4o-mini", new RpmChatOptions().StructuredOutput, reloaded, schema, rendered), jsonSchema.KeyOf(again, rendered));
    }

    // The key as it was computed before: copies of the settings and schema in one object, its JSON,
    // and SHA-256 over the length-prefixed parts concatenated in one string.
    private static string EarlierKey(string model, StructuredOutputMode mode, PromptFile prompt, JsonObject schema, string rendered)
    {
        var settings = new JsonObject
        {
            ["structured_output"] = mode.ToString(),
            ["settings"] = prompt.Settings.DeepClone(),
            ["schema"] = schema.DeepClone(),
        }.ToJsonString();
        var text = new StringBuilder();
        foreach (var part in new[] { model, settings, rendered })
        {
            text.Append(part.Length).Append(':').Append(part).Append('\n');
        }

        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())));
    }
}
