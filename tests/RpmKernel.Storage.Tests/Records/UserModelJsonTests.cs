using System.Text.Json;
using RpmKernel.Core.Records;
using RpmKernel.Storage.Records;

namespace RpmKernel.Storage.Tests.Records;

public sealed class UserModelJsonTests
{
    /// <summary>What the stores used before the generated metadata: web defaults, every type by reflection.</summary>
    private static readonly JsonSerializerOptions s_reflection = new(JsonSerializerDefaults.Web);

    [Fact]
    public void The_user_model_is_read_through_the_generated_metadata()
    {
        var info = StorageJson.Options.GetTypeInfo(typeof(UserModel));

        Assert.Same(StorageJsonContext.Default, info.OriginatingResolver);
    }

    [Fact]
    public void A_model_is_written_exactly_as_the_reflection_serializer_wrote_it()
    {
        var model = TestRecords.Model("u1", "lamp3");

        var entity = UserModelMapping.ToEntity(model, tallyJson: """{"items":3}""");

        // The writer before the generated metadata: reflection, then the counts added beside the model's properties.
        var expected = System.Text.Json.Nodes.JsonNode.Parse(JsonSerializer.Serialize(model, s_reflection))!.AsObject();
        expected["tally"] = System.Text.Json.Nodes.JsonNode.Parse("""{"items":3}""");
        Assert.Equal(expected.ToJsonString(s_reflection), entity.ModelJson);
        Assert.Equal(JsonSerializer.Serialize(model, s_reflection), JsonSerializer.Serialize(model, StorageJson.Options));
    }

    [Fact]
    public void A_model_stored_by_an_earlier_version_reads_as_before()
    {
        // Another casing, a number as a string and an extra property, as the web defaults accept them.
        const string Stored = """
            {"UserId":"u1","task":"lamp3","itemCount":"12","factors":[{"name":"taste","members":["genre"],"evidence":6,"coverage":0.5,"propensity":{"yes":0.75},"lift":"0.5"}],
             "promptVersions":{"cluster-factors":"v1"},"models":{"generate":"gpt-4o"},"builtAt":"2025-02-03T04:05:06+00:00","tally":{"items":3}}
            """;

        var read = UserModelMapping.ToModel(Entity(Stored));

        Assert.Equal(JsonSerializer.Serialize(JsonSerializer.Deserialize<UserModel>(Stored, s_reflection), s_reflection), JsonSerializer.Serialize(read, s_reflection));
        Assert.Equal(("u1", 12, 0.5), (read.UserId, read.ItemCount, read.Factors[0].Lift));
    }

    [Fact]
    public void Properties_left_out_of_the_stored_json_read_as_their_defaults()
    {
        var read = UserModelMapping.ToModel(Entity("""{"userId":"u1","task":"lamp3","itemCount":1,"factors":[{"name":"taste","evidence":1,"coverage":1}],"builtAt":"2025-02-03T04:05:06+00:00"}"""));

        Assert.Equal(("", 0, ""), (read.Factors[0].Description, read.Factors[0].Members.Count, read.Model));
        Assert.Empty(read.PromptVersions);
        Assert.Empty(read.Models);
    }

    [Fact]
    public void A_model_missing_a_required_property_is_still_refused()
    {
        var error = Assert.Throws<InvalidDataException>(() => UserModelMapping.ToModel(Entity("""{"userId":"u1","task":"lamp3","factors":[],"builtAt":"2025-02-03T04:05:06+00:00"}""")));

        Assert.Contains("itemCount", error.Message, StringComparison.Ordinal);
        Assert.Contains("Re-ingest the user", error.Message, StringComparison.Ordinal);
    }

    private static UserModelEntity Entity(string json) => new() { Key = Guid.Empty, UserId = "u1", Task = "lamp3", ModelJson = json };
}
