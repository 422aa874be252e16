using System.Runtime.InteropServices;
using System.Text.Json.Nodes;

namespace Actors.Bench;

/// <summary>What the run ran on.</summary>
public static class Machine
{
    /// <summary>CPU model and count, memory, OS and runtime.</summary>
    public static JsonObject Describe() => new()
    {
        ["cpu"] = CpuModel(),
        ["cores"] = Environment.ProcessorCount,
        ["memoryGiB"] = Math.Round(GC.GetGCMemoryInfo().TotalAvailableMemoryBytes / (1024.0 * 1024 * 1024), 1),
        ["os"] = RuntimeInformation.OSDescription,
        ["runtime"] = RuntimeInformation.FrameworkDescription,
        ["host"] = Environment.MachineName,
    };

    /// <summary>One line for the table's heading.</summary>
    public static string OneLine() =>
        $"{CpuModel()}, {Environment.ProcessorCount} cores, {Math.Round(GC.GetGCMemoryInfo().TotalAvailableMemoryBytes / (1024.0 * 1024 * 1024), 1)} GiB, {RuntimeInformation.OSDescription}, {RuntimeInformation.FrameworkDescription}";

    private static string CpuModel()
    {
        try
        {
            var line = File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal));
            return line is null ? RuntimeInformation.ProcessArchitecture.ToString() : line[(line.IndexOf(':', StringComparison.Ordinal) + 1)..].Trim();
        }
        catch (IOException)
        {
            return RuntimeInformation.ProcessArchitecture.ToString();
        }
    }
}
