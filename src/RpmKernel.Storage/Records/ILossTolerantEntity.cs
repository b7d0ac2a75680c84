namespace RpmKernel.Storage.Records;

/// <summary>
/// An entity whose last few writes may be lost to a power cut or an operating-system crash (never to
/// a crash of the process) at no cost worth a disk flush per write: a cached response costs one model
/// call again, a usage row is one call's accounting. Stores that can commit without waiting for the
/// disk (SQLite in WAL mode with <c>synchronous = NORMAL</c>) do so for these; records, user models,
/// leases and forgets still wait for it.
/// </summary>
internal interface ILossTolerantEntity;
