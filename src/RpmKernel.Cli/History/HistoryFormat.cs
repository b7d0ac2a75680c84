namespace RpmKernel.Cli.History;

/// <summary>The history file formats <c>rpmk ingest --format</c> reads.</summary>
internal static class HistoryFormat
{
    /// <summary>One <c>{"id", "query", "answer", "timestamp"?}</c> object per line.</summary>
    public const string Jsonl = "jsonl";

    /// <summary>A LaMP questions file: <c>[{"id", "input", "profile": [...]}]</c>, one entry per user.</summary>
    public const string Lamp = "lamp";
}
