using System.Text;
using RpmKernel.Core.Records;

namespace RpmKernel.Core.Tests.Records;

public class RecordKeysTests
{
    [Fact]
    public void ForItem_is_deterministic()
    {
        Assert.Equal(RecordKeys.ForItem("u1", "lamp2", "item-7"), RecordKeys.ForItem("u1", "lamp2", "item-7"));
    }

    [Fact]
    public void Keys_match_values_computed_independently()
    {
        // Computed outside .NET (Python hashlib): SHA-1 over the namespace bytes and the
        // length-prefixed UTF-8 parts, version 5. Pinned so a change of namespace or encoding,
        // which would orphan every stored record, fails here first.
        Assert.Equal(new Guid("4e3516e7-152c-5d9e-b0a4-0224cb221ef2"), RecordKeys.ForItem("u1", "lamp2", "item-7"));
        Assert.Equal(new Guid("4c2befb2-11cd-5812-a886-ae423ce7ea34"), RecordKeys.ForUserModel("u1", "lamp2"));
        Assert.Equal(new Guid("8d0c2e19-4118-5572-baf5-abf918acf0c9"), RecordKeys.ForItem("ü", "lamp2", "1"));
    }

    [Fact]
    public void Keys_are_rfc_4122_version_5()
    {
        foreach (var key in new[] { RecordKeys.ForItem("u", "t", "i"), RecordKeys.ForUserModel("u", "t") })
        {
            var text = key.ToString("D");
            Assert.Equal('5', text[14]);
            Assert.Contains(text[19], "89ab");
        }
    }

    [Fact]
    public void Parts_are_encoded_unambiguously()
    {
        Assert.NotEqual(RecordKeys.ForItem("a", "bc", "d"), RecordKeys.ForItem("ab", "c", "d"));
        Assert.NotEqual(RecordKeys.ForItem("a", "b", "cd"), RecordKeys.ForItem("a", "bc", "d"));
        Assert.NotEqual(RecordKeys.ForUserModel("a", "bc"), RecordKeys.ForUserModel("ab", "c"));
    }

    [Fact]
    public void Every_part_and_the_key_kind_change_the_key()
    {
        var key = RecordKeys.ForItem("u1", "lamp2", "i1");

        Assert.NotEqual(key, RecordKeys.ForItem("u2", "lamp2", "i1"));
        Assert.NotEqual(key, RecordKeys.ForItem("u1", "lamp3", "i1"));
        Assert.NotEqual(key, RecordKeys.ForItem("u1", "lamp2", "i2"));
        Assert.NotEqual(key, RecordKeys.ForItem("U1", "lamp2", "i1"));
        Assert.NotEqual(RecordKeys.ForUserModel("u1", "lamp2"), RecordKeys.ForItem("u1", "lamp2", "x"));
    }

    [Fact]
    public void Empty_parts_are_rejected()
    {
        Assert.Throws<ArgumentException>(() => RecordKeys.ForItem(" ", "t", "i"));
        Assert.Throws<ArgumentException>(() => RecordKeys.ForItem("u", "", "i"));
        Assert.Throws<ArgumentNullException>(() => RecordKeys.ForItem("u", "t", null!));
        Assert.Throws<ArgumentException>(() => RecordKeys.ForUserModel("u", " "));
    }

    [Fact]
    public void Name_based_guid_matches_the_rfc_4122_dns_example()
    {
        // uuid5(NAMESPACE_DNS, "python.org") from the Python documentation.
        var dns = new Guid("6ba7b810-9dad-11d1-80b4-00c04fd430c8");

        var guid = NameBasedGuid.Create(dns, Encoding.UTF8.GetBytes("python.org"));

        Assert.Equal(new Guid("886313e1-3b8a-5372-9b90-0c9aee199e5d"), guid);
    }
}
