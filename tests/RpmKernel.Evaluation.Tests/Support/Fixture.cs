namespace RpmKernel.Evaluation.Tests.Support;

/// <summary>The hand-written fixtures in the exact LaMP, GlobalOpinionQA and JSONL formats.</summary>
internal static class Fixture
{
    public static string Path(string name) => System.IO.Path.Combine(AppContext.BaseDirectory, "Fixtures", name);
}
