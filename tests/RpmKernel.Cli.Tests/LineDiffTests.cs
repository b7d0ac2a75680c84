using RpmKernel.Cli.Output;

namespace RpmKernel.Cli.Tests;

/// <summary>The unified diff of <c>rpmk prompts diff</c>, checked against hunks worked out by hand (as <c>diff -u</c> prints them).</summary>
public sealed class LineDiffTests
{
    [Fact]
    public void Identical_texts_have_no_diff()
    {
        Assert.Empty(LineDiff.Unified("a", "b", "x\ny\n", "x\ny\n"));
    }

    [Fact]
    public void An_insertion_at_the_start_is_one_hunk_with_the_following_context()
    {
        var diff = LineDiff.Unified("old", "new", "a\nb\n", "x\na\nb\n");

        Assert.Equal(["--- old", "+++ new", "@@ -1,2 +1,3 @@", "+x", " a", " b"], diff);
    }

    [Fact]
    public void Deleting_everything_leaves_an_empty_new_range()
    {
        var diff = LineDiff.Unified("old", "new", "a\n", "");

        Assert.Equal(["--- old", "+++ new", "@@ -1,1 +0,0 @@", "-a"], diff);
    }

    [Fact]
    public void Changes_far_apart_make_two_hunks_each_with_three_lines_of_context()
    {
        var old = Enumerable.Range(1, 20).Select(i => $"l{i}").ToList();
        var changed = old.Select(l => l is "l2" or "l18" ? l.ToUpperInvariant() : l).ToList();

        var diff = LineDiff.Unified("old", "new", string.Join('\n', old), string.Join('\n', changed));

        Assert.Equal(
            [
                "--- old", "+++ new",
                "@@ -1,5 +1,5 @@", " l1", "-l2", "+L2", " l3", " l4", " l5",
                "@@ -15,6 +15,6 @@", " l15", " l16", " l17", "-l18", "+L18", " l19", " l20",
            ],
            diff);
    }

    [Fact]
    public void Changes_close_together_share_one_hunk()
    {
        var diff = LineDiff.Unified("old", "new", "a\nb\nc\nd\ne\n", "A\nb\nc\nd\nE\n");

        Assert.Equal(["--- old", "+++ new", "@@ -1,5 +1,5 @@", "-a", "+A", " b", " c", " d", "-e", "+E"], diff);
    }
}
