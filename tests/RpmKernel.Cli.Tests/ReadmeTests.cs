using System.Text.RegularExpressions;
using RpmKernel.Testing;

namespace RpmKernel.Cli.Tests;

/// <summary>README.md reads top to bottom for a newcomer: it stands on its own, installs before it runs, and every local-server line names a model.</summary>
public sealed partial class ReadmeTests
{
    private static readonly string[] s_lines = File.ReadAllLines(Path.Combine(RepositoryPaths.Root, "README.md"));

    [Fact]
    public void The_readme_cites_no_file_that_is_not_in_the_repository()
    {
        Assert.DoesNotContain(s_lines, l => l.Contains("DESIGN.md", StringComparison.Ordinal));
        foreach (Match link in MarkdownLink().Matches(string.Join('\n', s_lines)))
        {
            var target = link.Groups[1].Value;
            Assert.True(File.Exists(Path.Combine(RepositoryPaths.Root, target)) || Directory.Exists(Path.Combine(RepositoryPaths.Root, target)), $"README links to {target}, which does not exist");
        }
    }

    [Fact]
    public void A_chat_endpoint_set_for_a_local_server_also_sets_the_model()
    {
        var local = s_lines.Where(l => l.Contains("Rpm__Chat__Endpoint=http://localhost", StringComparison.Ordinal)).ToList();

        Assert.NotEmpty(local);
        Assert.All(local, l => Assert.Contains("Rpm__Chat__Model=", l, StringComparison.Ordinal));
    }

    [Fact]
    public void The_install_step_comes_before_the_first_bare_rpmk_command()
    {
        var install = Array.FindIndex(s_lines, l => l.Contains("dotnet tool install -g RpmKernel.Cli", StringComparison.Ordinal));
        var firstRun = Array.FindIndex(s_lines, l => BareCommand().IsMatch(l));

        Assert.True(install >= 0, "README has no install step");
        Assert.True(firstRun > install, $"line {firstRun + 1} runs rpmk before the install step on line {install + 1}");
    }

    /// <summary>A relative link to a file of the repository, such as <c>[format](docs/user-export.md)</c>.</summary>
    [GeneratedRegex(@"\]\((?!https?:|#|mailto:)([^)#\s]+)")]
    private static partial Regex MarkdownLink();

    /// <summary>A shell line that starts with <c>rpmk</c> (or <c>$ rpmk</c>).</summary>
    [GeneratedRegex(@"^\s*(\$\s+)?rpmk\s")]
    private static partial Regex BareCommand();
}
