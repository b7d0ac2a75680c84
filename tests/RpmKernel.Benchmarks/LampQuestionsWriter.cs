using System.Text.Json;

namespace RpmKernel.Benchmarks;

/// <summary>
/// Writes a deterministic LaMP-2 questions file (<c>[{"id", "input", "profile": [{"id", "description", "tag"}]}]</c>)
/// of any number of entries, without holding it in memory.
/// </summary>
internal static class LampQuestionsWriter
{
    private const string Instruction = "Which tag does this movie relate to among the following tags? Just answer with the tag name without further explanation. tags: [sci-fi, based on a book, comedy, action, twist ending, dystopia, dark comedy, classic, psychology, fantasy, romance, thought-provoking, social commentary, violence, true story] description: ";

    /// <summary>Writes <paramref name="entries"/> users with 2 to 20 profile items each; returns the id of the last user.</summary>
    public static string Write(string path, int entries, int seed)
    {
        var random = new Random(seed);
        using var stream = File.Create(path);
        using var json = new Utf8JsonWriter(stream);
        json.WriteStartArray();
        var lastId = "";
        for (var e = 0; e < entries; e++)
        {
            lastId = (100_000 + e).ToString(System.Globalization.CultureInfo.InvariantCulture);
            json.WriteStartObject();
            json.WriteString("id", lastId);
            json.WriteString("input", Instruction + SyntheticHistory.Description(random));
            json.WriteStartArray("profile");
            var items = random.Next(2, 21);
            for (var i = 0; i < items; i++)
            {
                json.WriteStartObject();
                json.WriteString("id", $"{lastId}{i:D2}");
                json.WriteString("description", SyntheticHistory.Description(random));
                json.WriteString("tag", SyntheticHistory.Tags[random.Next(SyntheticHistory.Tags.Length)]);
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteEndObject();
            if (json.BytesPending > 1 << 16)
            {
                json.Flush();
            }
        }

        json.WriteEndArray();
        return lastId;
    }
}
