using System.Text.Json.Nodes;

namespace RpmKernel.SemanticKernel.Tests.FakeServer;

public sealed class EmbeddingsTests : FakeServerTestBase
{
    private async Task<JsonObject> EmbedAsync(JsonObject request)
    {
        using var response = await PostAsync("embeddings", request);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"HTTP {(int)response.StatusCode}: {text}");
        return JsonNode.Parse(text)!.AsObject();
    }

    private static float[] Vector(JsonObject response, int index) =>
        response["data"]![index]!["embedding"]!.AsArray().Select(x => x!.GetValue<float>()).ToArray();

    private static double Dot(float[] a, float[] b) => a.Zip(b).Sum(p => (double)p.First * p.Second);

    [Fact]
    public async Task Default_vectors_have_384_unit_length_dimensions_and_echo_the_model()
    {
        var response = await EmbedAsync(new JsonObject { ["model"] = "text-embedding-3-small", ["input"] = "hello embedding world" });

        Assert.Equal("list", response["object"]!.GetValue<string>());
        Assert.Equal("text-embedding-3-small", response["model"]!.GetValue<string>());
        var vector = Vector(response, 0);
        Assert.Equal(384, vector.Length);
        Assert.Equal(1.0, Math.Sqrt(Dot(vector, vector)), 5);
        Assert.Equal(3, response["usage"]!["prompt_tokens"]!.GetValue<int>());
    }

    [Fact]
    public async Task Requested_dimensions_are_honoured_for_every_input()
    {
        var response = await EmbedAsync(new JsonObject { ["model"] = "m", ["input"] = new JsonArray("one", "two three", ""), ["dimensions"] = 64 });

        var data = response["data"]!.AsArray();
        Assert.Equal(3, data.Count);
        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(i, data[i]!["index"]!.GetValue<int>());
            var vector = Vector(response, i);
            Assert.Equal(64, vector.Length);
            Assert.Equal(1.0, Math.Sqrt(Dot(vector, vector)), 5);
        }

        Assert.Equal(3, response["usage"]!["prompt_tokens"]!.GetValue<int>());
    }

    [Fact]
    public async Task Texts_sharing_words_are_closer_and_vectors_are_deterministic()
    {
        var response = await EmbedAsync(new JsonObject
        {
            ["model"] = "m",
            ["input"] = new JsonArray("the cat sat on the mat", "a cat lay on a mat", "quarterly revenue report for investors", "the cat sat on the mat"),
        });

        var cat = Vector(response, 0);
        var similar = Dot(cat, Vector(response, 1));
        var unrelated = Dot(cat, Vector(response, 2));
        Assert.True(similar > unrelated + 0.2, $"shared words {similar:F3} vs unrelated {unrelated:F3}");
        Assert.Equal(cat, Vector(response, 3));

        var again = await EmbedAsync(new JsonObject { ["model"] = "m", ["input"] = "the cat sat on the mat" });
        Assert.Equal(cat, Vector(again, 0));
    }

    [Fact]
    public async Task Base64_encoding_carries_the_same_little_endian_floats()
    {
        var floats = await EmbedAsync(new JsonObject { ["model"] = "m", ["input"] = "base sixty four" });
        var base64 = await EmbedAsync(new JsonObject { ["model"] = "m", ["input"] = "base sixty four", ["encoding_format"] = "base64" });

        var bytes = Convert.FromBase64String(base64["data"]![0]!["embedding"]!.GetValue<string>());
        var decoded = Enumerable.Range(0, bytes.Length / 4).Select(i => BitConverter.ToSingle(bytes, i * 4)).ToArray();
        Assert.Equal(Vector(floats, 0), decoded);
    }

    [Fact]
    public async Task Missing_input_is_a_400_that_says_what_to_send()
    {
        using var response = await PostAsync("embeddings", new JsonObject { ["model"] = "m" });

        Assert.Equal(400, (int)response.StatusCode);
        var error = JsonNode.Parse(await response.Content.ReadAsStringAsync())!["error"]!;
        Assert.Contains("input", error["message"]!.GetValue<string>());
    }
}
