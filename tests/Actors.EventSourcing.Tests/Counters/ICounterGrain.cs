namespace Actors.EventSourcing.Tests.Counters;

/// <summary>A journaled counter: each method exercises one way a <c>JournaledGrain</c> reaches its log-consistency provider.</summary>
public interface ICounterGrain : IGrainWithStringKey
{
    /// <summary><c>RaiseConditionalEvent</c>: true when appended, false when another writer took the version first.</summary>
    Task<bool> TryAddAsync(long by);

    /// <summary><c>RaiseEvent</c> then <c>ConfirmEvents</c>: the unconditional submit.</summary>
    Task AddAsync(long by);

    /// <summary><c>RaiseEvent</c> alone, left for a later confirmation; answers the tentative value.</summary>
    Task<long> RaiseAsync(long by);

    /// <summary><c>RefreshNow</c> (catch up with the journal), then the confirmed value and version.</summary>
    Task<CounterReading> GetAsync();

    /// <summary>The confirmed value and version this activation holds, without reading the journal.</summary>
    Task<CounterReading> PeekAsync();

    /// <summary><c>RetrieveConfirmedEvents(fromVersion, toVersion)</c>.</summary>
    Task<IReadOnlyList<CounterEntry>> GetEntriesAsync(int fromVersion, int toVersion);
}
