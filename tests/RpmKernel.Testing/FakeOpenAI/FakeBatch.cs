namespace RpmKernel.Testing;

/// <summary>A batch held by <see cref="FakeOpenAIServer"/>: its input, how many status reads it has had, and its result files once done.</summary>
internal sealed class FakeBatch
{
    public FakeBatch(string id, string inputFileId, int total)
    {
        Id = id;
        InputFileId = inputFileId;
        Total = total;
    }

    public string Id { get; }

    public string InputFileId { get; }

    public int Total { get; }

    /// <summary>Status reads answered with in_progress so far.</summary>
    public int Polls { get; set; }

    public string Status { get; set; } = "validating";

    public int Completed { get; set; }

    public int Failed { get; set; }

    public string? OutputFileId { get; set; }

    public string? ErrorFileId { get; set; }
}
