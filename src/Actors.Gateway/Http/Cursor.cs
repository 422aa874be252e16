using System.Buffers.Text;
using System.Text;
using Actors.Abstractions.Errors;

namespace Actors.Gateway.Http;

/// <summary>Opaque page cursors: base64url of what the server needs to resume; a tampered one is a 400.</summary>
public static class Cursor
{
    public static string Encode(string state) => Base64Url.EncodeToString(Encoding.UTF8.GetBytes(state));

    /// <summary>Runs a store read that was given a cursor; the store refuses a cursor it did not make with ArgumentException.</summary>
    public static async Task<T> GuardAsync<T>(Func<Task<T>> read)
    {
        try
        {
            return await read();
        }
        catch (ArgumentException)
        {
            throw ActorException.Invalid("'cursor' is not a cursor this server gave (a nextCursor of an earlier page).");
        }
    }

    public static string? Decode(string? cursor)
    {
        if (cursor is null)
        {
            return null;
        }

        try
        {
            return Encoding.UTF8.GetString(Base64Url.DecodeFromChars(cursor));
        }
        catch (FormatException)
        {
            throw ActorException.Invalid("'cursor' is not a cursor this server gave (a nextCursor of an earlier page).");
        }
    }
}
