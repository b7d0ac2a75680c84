using System.Text.Json.Nodes;

namespace RpmKernel.SemanticKernel.Tests.FakeServer;

public sealed class ChatCompletionSchemaTests : FakeServerTestBase
{
    private const string UserMessage = "Classify the movie review: brilliant acting, dull plot, gorgeous scenery.";

    private static readonly string[] UserWords =
        ["classify", "the", "movie", "review", "brilliant", "acting", "dull", "plot", "gorgeous", "scenery"];

    private static JsonObject Schema() => JsonNode.Parse("""
        {
          "type": "object",
          "properties": {
            "label": { "type": "string", "enum": ["positive", "negative", "neutral"] },
            "score": { "type": "integer", "minimum": 1, "maximum": 5 },
            "confidence": { "type": "number", "minimum": 0, "maximum": 1 },
            "reasoning": { "type": "string" },
            "flag": { "type": "boolean" },
            "tags": { "type": "array", "items": { "type": "string", "enum": ["a", "b", "c"] }, "minItems": 3, "maxItems": 3 },
            "features": { "type": "array", "items": { "$ref": "#/$defs/feature" } },
            "many": { "type": "array", "items": { "type": "integer", "exclusiveMinimum": 0, "exclusiveMaximum": 3 }, "minItems": 4 },
            "one": { "type": "array", "items": { "type": "string" }, "maxItems": 1 },
            "note": { "type": ["string", "null"] },
            "alt": { "anyOf": [ { "type": "null" }, { "type": "integer", "minimum": 10, "maximum": 12 } ] },
            "fixed": { "const": "v1" }
          },
          "required": ["label", "score", "confidence", "reasoning", "flag", "tags", "features", "many", "one", "note", "alt", "fixed"],
          "additionalProperties": false,
          "$defs": {
            "feature": {
              "type": "object",
              "properties": { "name": { "type": "string" }, "factor": { "type": "string" } },
              "required": ["name", "factor"]
            }
          }
        }
        """)!.AsObject();

    [Fact]
    public async Task Json_schema_content_has_every_property_within_its_constraints()
    {
        var content = await ChatContentAsync(ChatRequest(UserMessage, JsonSchemaFormat(Schema()), system: "You label reviews."));
        var answer = JsonNode.Parse(content)!.AsObject();

        Assert.Equal(
            ["label", "score", "confidence", "reasoning", "flag", "tags", "features", "many", "one", "note", "alt", "fixed"],
            answer.Select(p => p.Key).ToArray());
        Assert.Contains(answer["label"]!.GetValue<string>(), new[] { "positive", "negative", "neutral" });
        Assert.InRange(answer["score"]!.GetValue<int>(), 1, 5);
        Assert.InRange(answer["confidence"]!.GetValue<double>(), 0, 1);
        _ = answer["flag"]!.GetValue<bool>();
        Assert.Equal(["a", "b", "c"], answer["tags"]!.AsArray().Select(t => t!.GetValue<string>()).Order().ToArray());
        Assert.All(answer["many"]!.AsArray(), n => Assert.InRange(n!.GetValue<int>(), 1, 2));
        Assert.Equal(4, answer["many"]!.AsArray().Count);
        Assert.Single(answer["one"]!.AsArray());
        Assert.IsType<string>(answer["note"]!.GetValue<string>());
        Assert.InRange(answer["alt"]!.GetValue<int>(), 10, 12);
        Assert.Equal("v1", answer["fixed"]!.GetValue<string>());

        var features = answer["features"]!.AsArray();
        Assert.Equal(2, features.Count);
        Assert.All(features, f =>
        {
            Assert.StartsWith("name ", f!["name"]!.GetValue<string>());
            Assert.StartsWith("factor ", f["factor"]!.GetValue<string>());
        });

        // "reasoning" plus two or three words of length >= 3 from the last user message.
        var words = answer["reasoning"]!.GetValue<string>().Split(' ');
        Assert.Equal("reasoning", words[0]);
        Assert.InRange(words.Length, 3, 4);
        Assert.All(words.Skip(1), w => Assert.Contains(w, UserWords.Where(u => u.Length >= 3)));
    }

    [Fact]
    public async Task Identical_requests_get_identical_content_and_different_messages_different_content()
    {
        var first = await ChatContentAsync(ChatRequest(UserMessage, JsonSchemaFormat(Schema())));
        var second = await ChatContentAsync(ChatRequest(UserMessage, JsonSchemaFormat(Schema())));
        var other = await ChatContentAsync(ChatRequest("Summarize quarterly revenue figures for investors.", JsonSchemaFormat(Schema())));

        Assert.Equal(first, second);
        Assert.NotEqual(first, other);

        // The words of the other message are disjoint from the first one's, so its text must use them.
        var reasoning = JsonNode.Parse(other)!["reasoning"]!.GetValue<string>().Split(' ').Skip(1);
        Assert.All(reasoning, w => Assert.Contains(w, new[] { "summarize", "quarterly", "revenue", "figures", "for", "investors" }));
    }

    [Fact]
    public async Task Enum_choices_vary_with_the_conversation()
    {
        var labels = new HashSet<string>();
        for (var i = 0; i < 12; i++)
        {
            var content = await ChatContentAsync(ChatRequest($"review number {i}", JsonSchemaFormat(Schema())));
            labels.Add(JsonNode.Parse(content)!["label"]!.GetValue<string>());
        }

        Assert.True(labels.Count >= 2, $"12 different conversations all produced {string.Join(",", labels)}");
    }

    [Fact]
    public async Task Schema_fenced_in_a_message_is_answered_for_json_object_and_text_formats()
    {
        var system = """
            Answer with JSON matching this schema:
            ```json
            {"type": "object", "properties": {"answer": {"type": "string"}, "stars": {"type": "integer", "minimum": 1, "maximum": 5}}}
            ```
            """;
        var jsonObject = new JsonObject { ["type"] = "json_object" };

        foreach (var format in new[] { jsonObject, null })
        {
            var content = await ChatContentAsync(ChatRequest("rate this film please", format?.DeepClone().AsObject(), system));
            var answer = JsonNode.Parse(content)!.AsObject();
            Assert.StartsWith("answer ", answer["answer"]!.GetValue<string>());
            Assert.InRange(answer["stars"]!.GetValue<int>(), 1, 5);
        }
    }

    [Fact]
    public async Task Without_any_schema_json_object_gets_empty_object_and_text_gets_ok()
    {
        var fencedExample = "Example:\n```json\n{\"answer\": \"not a schema\"}\n```";

        Assert.Equal("{}", await ChatContentAsync(ChatRequest("hello there", new JsonObject { ["type"] = "json_object" }, fencedExample)));
        Assert.Equal("ok", await ChatContentAsync(ChatRequest("hello there", new JsonObject { ["type"] = "text" })));
        Assert.Equal("ok", await ChatContentAsync(ChatRequest("hello there")));
    }

    [Fact]
    public async Task Completion_has_openai_shape_echoes_the_model_and_counts_words_as_tokens()
    {
        var request = ChatRequest("four five", system: "one two three");
        request["model"] = "my-model";

        var completion = await ChatAsync(request);

        Assert.StartsWith("chatcmpl-", completion["id"]!.GetValue<string>());
        Assert.Equal("chat.completion", completion["object"]!.GetValue<string>());
        Assert.True(completion["created"]!.GetValue<long>() > 1_600_000_000);
        Assert.Equal("my-model", completion["model"]!.GetValue<string>());
        var choice = completion["choices"]![0]!;
        Assert.Equal("assistant", choice["message"]!["role"]!.GetValue<string>());
        Assert.Equal("stop", choice["finish_reason"]!.GetValue<string>());
        Assert.Equal(5, completion["usage"]!["prompt_tokens"]!.GetValue<int>());
        Assert.Equal(1, completion["usage"]!["completion_tokens"]!.GetValue<int>());
        Assert.Equal(6, completion["usage"]!["total_tokens"]!.GetValue<int>());
    }

    [Fact]
    public async Task Content_parts_are_read_like_plain_string_content()
    {
        var parts = JsonNode.Parse("""
            {"model": "m", "messages": [{"role": "user", "content": [{"type": "text", "text": "alpha beta"}, {"type": "text", "text": "gamma"}]}],
             "response_format": {"type": "json_schema", "json_schema": {"name": "x", "schema": {"type": "object", "properties": {"t": {"type": "string"}}}}}}
            """)!.AsObject();

        var completion = await ChatAsync(parts);

        Assert.Equal(3, completion["usage"]!["prompt_tokens"]!.GetValue<int>());
        var words = JsonNode.Parse(ContentOf(completion))!["t"]!.GetValue<string>().Split(' ').Skip(1);
        Assert.All(words, w => Assert.Contains(w, new[] { "alpha", "beta", "gamma" }));
    }
}
