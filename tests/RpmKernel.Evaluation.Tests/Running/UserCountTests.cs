using RpmKernel.Evaluation.Methods;
using RpmKernel.Evaluation.Running;
using RpmKernel.Evaluation.Tests.Support;
using RpmKernel.SemanticKernel.Options;
using RpmKernel.Testing;

namespace RpmKernel.Evaluation.Tests.Running;

/// <summary>A run without <c>--users</c> counts its users first, so its progress has a total from the first report on.</summary>
public sealed class UserCountTests
{
    [Fact]
    public async Task A_lamp_file_is_counted_entry_by_entry_and_a_file_the_reader_would_refuse_is_not()
    {
        using var dir = new TempDirectory();
        var notArray = dir.File("object.json");
        await File.WriteAllTextAsync(notArray, """{"id": "1", "input": "x", "profile": []}""");
        var broken = dir.File("broken.json");
        await File.WriteAllTextAsync(broken, """[{"id": "1", "input": "x", "profile": []}, {"id": """);
        var empty = dir.File("empty.json");
        await File.WriteAllTextAsync(empty, "[]");

        Assert.Equal(3, await UserCount.CountLampEntriesAsync(Fixture.Path("lamp2_questions.json"), new RpmLimitsOptions(), CancellationToken.None));
        Assert.Equal(0, await UserCount.CountLampEntriesAsync(empty, new RpmLimitsOptions(), CancellationToken.None));
        Assert.Null(await UserCount.CountLampEntriesAsync(notArray, new RpmLimitsOptions(), CancellationToken.None));
        Assert.Null(await UserCount.CountLampEntriesAsync(broken, new RpmLimitsOptions(), CancellationToken.None));
        Assert.Null(await UserCount.CountLampEntriesAsync(Fixture.Path("lamp2_questions.json"), new RpmLimitsOptions { MaxHistoryFileBytes = 10 }, CancellationToken.None));
    }

    [Theory]
    [InlineData("lamp2_questions.json", "lamp2", 3)]
    [InlineData("own_data.jsonl", "lamp5", 2)]
    public async Task Without_a_sample_every_report_after_the_count_has_the_total(string questions, string task, int users)
    {
        await using var host = await EvalTestHost.StartAsync();
        var seen = new List<EvalProgress>();
        var options = new EvalOptions
        {
            Task = task,
            Questions = Fixture.Path(questions),
            OutputDirectory = host.Output,
            Methods = [MethodCatalog.ZeroShot],
            Seed = 1,
        };

        var report = await EvalRunner.RunAsync(host.Options(), options, new Seen(seen));

        Assert.Equal(users, report.Users);
        Assert.Equal((0, (int?)null, "counting the users of " + questions), (seen[0].UsersDone, seen[0].UsersTotal, seen[0].Activity));
        Assert.All(seen.Skip(1), p => Assert.Equal(users, p.UsersTotal));
        Assert.Equal(users, seen[^1].UsersDone);
    }

    private sealed class Seen(List<EvalProgress> seen) : IProgress<EvalProgress>
    {
        public void Report(EvalProgress value)
        {
            lock (seen)
            {
                seen.Add(value);
            }
        }
    }
}
