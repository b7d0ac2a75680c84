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
