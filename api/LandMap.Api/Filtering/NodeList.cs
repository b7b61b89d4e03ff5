using System.Collections;

namespace LandMap.Api.Filtering;

/// <summary>
/// An immutable list with value equality. Records compare lists by reference, so an AST holding
/// plain lists could never equal another one parsed from the same filter; this one compares items.
/// </summary>
public sealed class NodeList<T> : IReadOnlyList<T>, IEquatable<NodeList<T>>
{
    private readonly T[] _items;

    /// <summary>Copies the items, so later changes to the source do not change the AST.</summary>
    public NodeList(IEnumerable<T> items) => _items = items.ToArray();

    /// <inheritdoc />
    public T this[int index] => _items[index];

    /// <inheritdoc />
    public int Count => _items.Length;

    /// <inheritdoc />
    public IEnumerator<T> GetEnumerator() => ((IEnumerable<T>)_items).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => _items.GetEnumerator();

    /// <summary>Same items in the same order.</summary>
    public bool Equals(NodeList<T>? other) => other is not null && _items.SequenceEqual(other._items);

    /// <inheritdoc />
    public override bool Equals(object? obj) => Equals(obj as NodeList<T>);

    /// <inheritdoc />
    public override int GetHashCode()
    {
        var hash = new HashCode();
        foreach (var item in _items) hash.Add(item);
        return hash.ToHashCode();
    }

    /// <summary>The items, comma separated (records print their members with ToString).</summary>
    public override string ToString() => "[" + string.Join(", ", _items) + "]";
}

/// <summary>Shorthand for building <see cref="NodeList{T}"/>s.</summary>
public static class NodeList
{
    /// <summary>A list of the given items.</summary>
    public static NodeList<T> Of<T>(params IEnumerable<T> items) => new(items);
}
