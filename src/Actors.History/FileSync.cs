using System.Runtime.InteropServices;

namespace Actors.History;

/// <summary>
/// Flushes a directory to disk, so that a file renamed into it survives a power loss: on Linux a rename is durable only
/// once its directory is flushed, and .NET has no API for that. Elsewhere it does nothing (NTFS journals renames).
/// </summary>
internal static partial class FileSync
{
    private const int ReadOnly = 0;

    public static void Directory(string path)
    {
        if (!OperatingSystem.IsLinux() && !OperatingSystem.IsMacOS())
        {
            return;
        }

        var descriptor = Open(path, ReadOnly);
        if (descriptor < 0)
        {
            throw new IOException($"Directory {path} cannot be opened to flush it (errno {Marshal.GetLastPInvokeError()}).");
        }

        try
        {
            if (Sync(descriptor) != 0)
            {
                throw new IOException($"Directory {path} cannot be flushed (errno {Marshal.GetLastPInvokeError()}).");
            }
        }
        finally
        {
            _ = Close(descriptor);
        }
    }

    [LibraryImport("libc", EntryPoint = "open", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int Open(string path, int flags);

    [LibraryImport("libc", EntryPoint = "fsync", SetLastError = true)]
    private static partial int Sync(int descriptor);

    [LibraryImport("libc", EntryPoint = "close", SetLastError = true)]
    private static partial int Close(int descriptor);
}
