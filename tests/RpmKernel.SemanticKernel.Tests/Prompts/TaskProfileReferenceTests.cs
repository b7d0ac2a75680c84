using System.Diagnostics;
using RpmKernel.Core.Errors;
using RpmKernel.SemanticKernel.Options;
using RpmKernel.SemanticKernel.Prompts;
using RpmKernel.Testing;

namespace RpmKernel.SemanticKernel.Tests.Prompts;

/// <summary>A task argument opens only a bundled profile or a small .yaml/.yml regular file (issue 12, finding 4).</summary>
public sealed class TaskProfileReferenceTests
{
    private static PromptLibrary Bundled() => PromptLibrary.Load(new RpmPromptOptions { Directory = RepositoryPaths.Prompts });

    [Fact]
    public void A_profile_file_edited_between_two_calls_is_read_anew_and_an_unchanged_one_is_the_same_profile()
    {
        using var dir = new TempDirectory();
        var path = dir.File("mine.yaml");
        File.WriteAllText(path, "name: mine\nkind: generation\ninstruction: Write it the first way.\n");
        var library = Bundled();

        var first = library.GetTask(path);
        var again = library.GetTask(path);
        File.WriteAllText(path, "name: mine\nkind: generation\ninstruction: Write it the second way.\n");
        var edited = library.GetTask(path);
        File.WriteAllText(path, "name: mine\nkind: generation\n");

        Assert.Same(first, again);
        Assert.Equal("Write it the first way.", first.Instruction);
        Assert.Equal("Write it the second way.", edited.Instruction);
        Assert.Contains("has no 'instruction'", Assert.Throws<RpmInputException>(() => library.GetTask(path)).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_file_that_is_not_yaml_is_not_opened_and_its_text_is_not_printed()
    {
        using var dir = new TempDirectory();
        var secret = dir.File("shadow");
        File.WriteAllText(secret, "root:SECRET-MARK:19000:0:99999:7:::\n");

        var error = Assert.Throws<RpmInputException>(() => Bundled().GetTask(secret));

        Assert.Contains("neither a bundled task nor a .yaml/.yml file", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("SECRET", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_yaml_name_on_a_device_is_refused_without_reading_it()
    {
        using var dir = new TempDirectory();
        var link = dir.File("zero.yaml");
        File.CreateSymbolicLink(link, "/dev/zero");

        var error = Assert.Throws<RpmInputException>(() => Bundled().GetTask(link));

        Assert.Contains("is not a regular file of 1 to 1048576 bytes", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_fifo_named_yaml_is_refused_instead_of_blocking()
    {
        using var dir = new TempDirectory();
        var fifo = dir.File("pipe.yaml");
        using (var mkfifo = Process.Start("mkfifo", [fifo]))
        {
            mkfifo.WaitForExit();
            Assert.Equal(0, mkfifo.ExitCode);
        }

        var error = Assert.Throws<RpmInputException>(() => Bundled().GetTask(fifo));

        Assert.Contains("not a regular file", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_profile_over_one_megabyte_is_refused()
    {
        using var dir = new TempDirectory();
        var big = dir.File("big.yml");
        File.WriteAllText(big, "name: x\nkind: generation\ninstruction: " + new string('a', 1024 * 1024) + "\n");

        var error = Assert.Throws<RpmInputException>(() => Bundled().GetTask(big));

        Assert.Contains("not a regular file of 1 to 1048576 bytes", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_yaml_file_that_is_not_a_profile_fails_without_quoting_it()
    {
        using var dir = new TempDirectory();
        var path = dir.File("secrets.yaml");
        File.WriteAllText(path, "password: SECRET-MARK\n");

        var error = Assert.Throws<RpmInputException>(() => Bundled().GetTask(path));

        Assert.Contains("unknown key at line 1", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("SECRET", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("password", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_small_profile_file_and_a_bundled_name_still_load_but_a_name_cannot_walk_out_of_the_tasks_folder()
    {
        using var dir = new TempDirectory();
        var path = dir.File("mine.yml");
        File.WriteAllText(path, "name: mine\nkind: generation\ninstruction: Write it.\n");
        var library = Bundled();

        Assert.Equal("mine", library.GetTask(path).Name);
        Assert.Equal("lamp2", library.GetTask("lamp2").Name);
        Assert.Throws<RpmInputException>(() => library.GetTask("..\\..\\tasks\\lamp2"));
        Assert.Throws<RpmInputException>(() => library.GetTask("lamp2 "));
    }
}
