using Actors.Abstractions.Storage;

namespace Actors.PersonalData;

/// <summary>
/// Opens the sealed values of the documents one read returned, with one look-up of every key they need: a page of events
/// across actors costs one query for keys, not one per actor. Documents without sealed values are not even parsed.
/// </summary>
internal sealed class DocumentOpener(IDataKeyStore keys)
{
    private readonly List<(string Text, PersonalDocument? Document)> _documents = [];

    /// <summary>Adds a document of a type whose personal fields are <paramref name="fields"/> (null: it has none); answers its handle.</summary>
    public int Add(string text, IReadOnlySet<string>? fields)
    {
        var document = fields is not null && text.Contains(SealedValue.Prefix, StringComparison.Ordinal) ? PersonalDocument.Read(text, fields) : null;
        _documents.Add((text, document));
        return _documents.Count - 1;
    }

    /// <summary>Adds a document that may be absent; answers its handle, or -1.</summary>
    public int AddOptional(string? text, IReadOnlySet<string>? fields) => text is null ? -1 : Add(text, fields);

    /// <summary>Reads the keys and opens every document; then <see cref="Get"/> answers them.</summary>
    public async Task OpenAsync(CancellationToken cancellationToken)
    {
        var ids = _documents.Where(d => d.Document is not null).SelectMany(d => d.Document!.KeyIds).ToHashSet();
        if (ids.Count == 0)
        {
            return;
        }

        var found = (await keys.FindDataKeysAsync(ids, cancellationToken)).ToDictionary(k => k.KeyId);
        for (var i = 0; i < _documents.Count; i++)
        {
            if (_documents[i].Document is { } document)
            {
                _documents[i] = (document.Open(found), null);
            }
        }
    }

    /// <summary>The document behind <paramref name="handle"/>, opened.</summary>
    public string Get(int handle) => _documents[handle].Text;

    /// <summary>The document behind <paramref name="handle"/>, opened; null for -1.</summary>
    public string? GetOptional(int handle) => handle < 0 ? null : Get(handle);
}
