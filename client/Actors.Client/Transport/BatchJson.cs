using System.Text.Json;

namespace Actors.Client.Transport;

/// <summary>The wire form of a batch: <c>[{ "type": "...", "body": { ... } }, ...]</c>.</summary>
internal static class BatchJson
{
    public static byte[] Encode(IReadOnlyList<ActorCommand> commands)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartArray();
            foreach (var command in commands)
            {
                writer.WriteStartObject();
                writer.WriteString("type", command.Type);
                writer.WritePropertyName("body");
                command.BodyNode.WriteTo(writer);
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
        }

        return buffer.ToArray();
    }
}
