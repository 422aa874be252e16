using System.Buffers.Text;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Actors.Abstractions.Storage;

namespace Actors.PersonalData;

/// <summary>
/// One personal value as it is stored: <c>enc:v1:&lt;key id&gt;:&lt;base64url(nonce | ciphertext | tag)&gt;</c>, a JSON string
/// in place of the value. The plaintext is the value's JSON text (so a string stays a string and a number a number), sealed
/// with AES-256-GCM under the actor's data key, a random 96-bit nonce and the field's name as associated data (a value
/// cannot be moved to another field). The key id says which key opens it: after an erasure the actor's new key has
/// another id, and a value sealed before can no longer be opened by anyone.
/// </summary>
internal static class SealedValue
{
    public const string Prefix = "enc:v1:";

    private const int NonceSize = 12;
    private const int TagSize = 16;
    private const int KeyIdLength = 32;

    /// <summary>Seals the JSON text <paramref name="plaintext"/> of <paramref name="field"/> with <paramref name="key"/>.</summary>
    public static string Seal(DataKey key, string field, string plaintext)
    {
        var clear = Encoding.UTF8.GetBytes(plaintext);
        var sealedBytes = new byte[NonceSize + clear.Length + TagSize];
        var nonce = sealedBytes.AsSpan(0, NonceSize);
        RandomNumberGenerator.Fill(nonce);
        using (var aes = new AesGcm(key.Material.Span, TagSize))
        {
            aes.Encrypt(nonce, clear, sealedBytes.AsSpan(NonceSize, clear.Length), sealedBytes.AsSpan(NonceSize + clear.Length), Encoding.UTF8.GetBytes(field));
        }

        CryptographicOperations.ZeroMemory(clear);
        return string.Concat(Prefix, key.KeyId.ToString("N"), ":", Base64Url.EncodeToString(sealedBytes));
    }

    /// <summary>The key id of a sealed value; false for any other text (a value in clear).</summary>
    public static bool TryReadKeyId(string text, out Guid keyId)
    {
        keyId = default;
        return text.Length > Prefix.Length + KeyIdLength + 1
            && text.StartsWith(Prefix, StringComparison.Ordinal)
            && text[Prefix.Length + KeyIdLength] == ':'
            && Guid.TryParseExact(text.AsSpan(Prefix.Length, KeyIdLength), "N", out keyId);
    }

    /// <summary>The JSON text sealed in <paramref name="text"/>, which <see cref="TryReadKeyId"/> said <paramref name="key"/> opens.</summary>
    /// <exception cref="CryptographicException">The value was altered, or sealed for another field: the journal is damaged.</exception>
    public static string Open(DataKey key, string field, string text)
    {
        byte[] sealedBytes;
        try
        {
            sealedBytes = Base64Url.DecodeFromChars(text.AsSpan(Prefix.Length + KeyIdLength + 1));
        }
        catch (FormatException e)
        {
            throw new CryptographicException($"A sealed value of field '{field}' is not base64url.", e);
        }

        if (sealedBytes.Length < NonceSize + TagSize)
        {
            throw new CryptographicException(string.Create(CultureInfo.InvariantCulture, $"A sealed value of field '{field}' is {sealedBytes.Length} bytes, too short."));
        }

        var length = sealedBytes.Length - NonceSize - TagSize;
        var clear = new byte[length];
        using (var aes = new AesGcm(key.Material.Span, TagSize))
        {
            aes.Decrypt(
                sealedBytes.AsSpan(0, NonceSize), sealedBytes.AsSpan(NonceSize, length), sealedBytes.AsSpan(NonceSize + length), clear, Encoding.UTF8.GetBytes(field));
        }

        return Encoding.UTF8.GetString(clear);
    }
}
