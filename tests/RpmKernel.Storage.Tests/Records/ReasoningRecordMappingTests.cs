using RpmKernel.Core.Records;
using RpmKernel.Storage.Records;

namespace RpmKernel.Storage.Tests.Records;

public sealed class ReasoningRecordMappingTests
{
    [Fact]
    public void The_entity_holds_camelCase_json_and_the_deterministic_key()
    {
        var record = TestRecords.Record("u1", "lamp2", "i7");

        var entity = ReasoningRecordMapping.ToEntity(record, new float[] { 1, 2 });

        Assert.Equal(RecordKeys.ForItem("u1", "lamp2", "i7"), entity.Key);
        Assert.Equal(
            """[{"name":"genre","context":"sci-fi","factor":"taste"},{"name":"length","context":"short","factor":"effort"}]""",
            entity.FeaturesJson);
        Assert.Equal("""{"extract-features":"v1","construct-reasoning":"v2"}""", entity.PromptVersionsJson);
        Assert.Equal([1f, 2f], entity.Embedding!.Value.ToArray());
    }

    [Fact]
    public void A_record_survives_the_round_trip()
    {
        var record = TestRecords.Record("u1", "lamp2", "i7");

        var back = ReasoningRecordMapping.ToRecord(ReasoningRecordMapping.ToEntity(record, new float[] { 1 }));

        RecordAssert.Equal(record, back);
    }

    [Fact]
    public void Invalid_stored_json_names_the_item_and_the_fix()
    {
        var entity = ReasoningRecordMapping.ToEntity(TestRecords.Record("u1", "lamp2", "i7"), new float[] { 1 });
        entity.FeaturesJson = "{not json";

        var ex = Assert.Throws<InvalidDataException>(() => ReasoningRecordMapping.ToRecord(entity));

        Assert.Contains("'i7'", ex.Message);
        Assert.Contains("FeaturesJson", ex.Message);
        Assert.Contains("Re-ingest", ex.Message);
    }
}
