using Microsoft.Extensions.Logging;
using Orleans.EventSourcing;
using Orleans.Serialization;

namespace Actors.EventSourcing;

/// <summary>
/// What Orleans hands a log view adaptor about its grain. The journal adaptor uses only the grain id; the rest logs.
/// Registered only when no other provider registered Orleans' own.
/// </summary>
internal sealed class JournalProtocolServices(IGrainContext grain, DeepCopier copier, ILogger<JournalProtocolServices> logger) : ILogConsistencyProtocolServices
{
    public GrainId GrainId => grain.GrainId;

    public string MyClusterId => string.Empty;

    public T DeepCopy<T>(T value) => copier.Copy(value)!;

    public void ProtocolError(string msg, bool throwexception)
    {
        logger.LogError("{GrainId} protocol error: {Message}", GrainId, msg);
        if (throwexception)
        {
            throw new InvalidOperationException(msg);
        }
    }

    public void CaughtException(string where, Exception e) =>
        logger.LogError(e, "{GrainId} exception caught at {Location}", GrainId, where);

    public void CaughtUserCodeException(string callback, string where, Exception e) =>
        logger.LogWarning(e, "{GrainId} exception caught in {Callback}, called from {Location}", GrainId, callback, where);

#pragma warning disable CA2254 // The format is Orleans' own message template.
    public void Log(LogLevel level, string format, params object[] args) => logger.Log(level, format, args);
#pragma warning restore CA2254
}
