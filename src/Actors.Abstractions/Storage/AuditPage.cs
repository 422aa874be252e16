namespace Actors.Abstractions.Storage;

/// <summary>Audit entries and the cursor of the next page (null when this is the last).</summary>
public sealed record AuditPage(IReadOnlyList<AuditRecord> Records, string? NextCursor);
