using System.Text.Json.Nodes;

namespace Actors.Client;

/// <summary>
/// One field a preview's commands would change, as <c>getPendingChanges</c> answers it: the persisted state against
/// the state after the preview's commands.
/// </summary>
/// <param name="Path">The field as a JSON pointer, e.g. <c>/tags</c>.</param>
/// <param name="Operation"><c>add</c>, <c>replace</c> or <c>remove</c>.</param>
/// <param name="Before">The persisted value (null for <c>add</c>).</param>
/// <param name="After">The value the commands would leave (null for <c>remove</c>).</param>
public sealed record PendingChange(string Path, string Operation, JsonNode? Before, JsonNode? After);
