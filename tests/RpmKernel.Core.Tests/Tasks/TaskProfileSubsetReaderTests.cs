using RpmKernel.Core.Tasks;
using RpmKernel.Testing;

namespace RpmKernel.Core.Tests.Tasks;

/// <summary>
/// Task profiles in the plain subset of YAML are read without YamlDotNet; what they read must be what
/// YamlDotNet reads (values, kinds, lines, plain or not), and anything outside the subset is left to YamlDotNet.
/// </summary>
public class TaskProfileSubsetReaderTests
{
    private const string Source = "my/task.yaml";

    [Fact]
    public void Every_bundled_profile_is_read_without_yamldotnet_exactly_as_yamldotnet_reads_it()
    {
        var files = Directory.GetFiles(Path.Combine(RepositoryPaths.Prompts, "tasks"), "*.yaml");

        Assert.NotEmpty(files);
        foreach (var file in files)
        {
            var yaml = File.ReadAllText(file);
            Assert.True(TaskProfileSubsetReader.TryRead(yaml, out var subset), file);
            Assert.Equal(Describe(TaskProfileYaml.ReadWithYamlDotNet(yaml, file)), Describe(subset));
        }
    }

    [Theory]
    [InlineData("name: x\nkind: generation\ninstruction: >-\n  Write a title\n  for it.\n")]
    [InlineData("name: x\nkind: generation\ninstruction: >\n  One line\n\n  and a paragraph\n\n\n  and two.\n\n")]
    [InlineData("name: x\nkind: generation\ninstruction: |\n  Line one\n  line two\n\n  line four\n")]
    [InlineData("name: x\nkind: generation\ninstruction: |-\n    Deeper indentation\n    kept apart\ndescription: done")]
    [InlineData("# a comment\n\nname: x   \nkind: classification\n# between keys\ninstruction: Tag it.\nlabels:\n  - a b\n\n  - c-d\n    \ndescription:\n")]
    [InlineData("name: x\nkind: rating\ninstruction: Rate it (1 to 5).\nmin_score: 1\nmax_score: 5")]
    [InlineData("name: ~\nkind: null\ninstruction: NULL\ndescription: Null\nlabels:\nmin_score: one")]
    [InlineData("name: x\nkind: generation\ninstruction: It's a 50% chance, isn't it? Yes.\n")]
    public void A_profile_in_the_subset_reads_as_yamldotnet_reads_it(string yaml)
    {
        Assert.True(TaskProfileSubsetReader.TryRead(yaml, out var subset));
        Assert.Equal(Describe(TaskProfileYaml.ReadWithYamlDotNet(yaml, Source)), Describe(subset));
    }

    [Theory]
    [InlineData("name: \"x\"\nkind: generation\ninstruction: x")]
    [InlineData("name: 'x'\nkind: generation\ninstruction: x")]
    [InlineData("name: x\nkind: classification\ninstruction: x\nlabels: [a, b]")]
    [InlineData("name: x # the name\nkind: generation\ninstruction: x")]
    [InlineData("name: x\nkind: generation\ninstruction:\tx")]
    [InlineData("name: x\r\nkind: generation\r\ninstruction: x\r\n")]
    [InlineData("name:\n  first: x\nkind: generation\ninstruction: x")]
    [InlineData("name: x\nkind: generation\ninstruction: one\n  two")]
    [InlineData("name: x\nkind: generation\ninstruction: x\nlables: [a]")]
    [InlineData("name: x\nname: y\nkind: generation\ninstruction: x")]
    [InlineData("---\nname: x\nkind: generation\ninstruction: x")]
    [InlineData("- a\n- b")]
    [InlineData("name: x\nkind: generation\ninstruction: >-\n  one\n    more indented\n")]
    [InlineData("name: x\nkind: generation\ninstruction: >+\n  kept\n")]
    [InlineData("name: x\nkind: generation\ninstruction: >-\n\n  starts blank\n")]
    [InlineData("name: x\nkind: generation\ninstruction: a: b")]
    [InlineData("name: x\nkind: generation\ninstruction: &anchor x")]
    [InlineData("name: x\nkind: classification\ninstruction: x\nlabels:\n  - a\n  # a comment\n  - b")]
    [InlineData("name: x\nkind: classification\ninstruction: x\nlabels:\n  -\n  - b")]
    [InlineData("name: x\nkind: classification\ninstruction: x\nlabels:\n- a\n- b\n")]
    [InlineData("")]
    [InlineData("# only a comment\n")]
    [InlineData("Name: x\nkind: generation\ninstruction: x")]
    [InlineData("name:x\nkind: generation\ninstruction: x")]
    public void Anything_outside_the_subset_is_left_to_yamldotnet(string yaml)
    {
        Assert.False(TaskProfileSubsetReader.TryRead(yaml, out var values));
        Assert.Null(values);
    }

    [Fact]
    public void A_profile_read_by_the_subset_and_by_yamldotnet_is_the_same_profile()
    {
        const string plain = "name: tags\nkind: classification\ndescription: Tag movies.\ninstruction: >-\n  Pick one\n  tag.\nlabels:\n  - sci-fi\n  - dark comedy\n";
        const string quoted = "name: 'tags'\nkind: classification\ndescription: Tag movies.\ninstruction: >-\n  Pick one\n  tag.\nlabels: [sci-fi, \"dark comedy\"]\n";
        Assert.True(TaskProfileSubsetReader.TryRead(plain, out _));
        Assert.False(TaskProfileSubsetReader.TryRead(quoted, out _));

        var fast = TaskProfileParser.Parse(plain, Source);
        var slow = TaskProfileParser.Parse(quoted, Source);

        Assert.Equal(slow with { Labels = fast.Labels }, fast);
        Assert.Equal(slow.Labels, fast.Labels);
        Assert.Equal("Pick one tag.", fast.Instruction);
    }

    private static string Describe(IReadOnlyDictionary<string, TaskProfileNode> values) =>
        string.Join("\n", values.OrderBy(v => v.Key, StringComparer.Ordinal).Select(v => $"{v.Key} = {Describe(v.Value)}"));

    private static string Describe(TaskProfileNode node) =>
        $"{node.Kind}@{node.Line}:{(node.Plain ? "plain" : "styled")}:[{node.Value?.Replace("\n", "\\n", StringComparison.Ordinal)}]"
        + (node.Items is null ? "" : "{" + string.Join(", ", node.Items.Select(Describe)) + "}");
}
