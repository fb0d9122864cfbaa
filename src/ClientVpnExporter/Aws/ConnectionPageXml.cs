using System.Buffers;
using System.Buffers.Text;
using System.Text;
using System.Text.Unicode;
using ClientVpnExporter.Connections;

namespace ClientVpnExporter.Aws;

/// <summary>
/// Reads the connections out of a <c>DescribeClientVpnConnections</c> answer's XML as the SDK's unmarshaller would,
/// at a fraction of its cost. The SDK matches every element of every connection against each field's path with
/// case-insensitive string searches, which is two thirds of a poll's CPU at 200,000 connections (docs/performance.md).
/// This reader takes only the shape AWS writes: UTF-8, elements in the EC2 namespace without prefixes or attributes,
/// text with the five predefined entities and character references. It declines anything else (a comment, CDATA, a
/// prefix, an attribute, a carriage return in text, an element whose name differs from a field's only in case,
/// malformed XML), and the caller then leaves the whole answer to the SDK, so no answer is ever read differently.
/// </summary>
internal static class ConnectionPageXml
{
    private const string Root = "DescribeClientVpnConnectionsResponse";

    private static readonly string[] ConnectionFields =
    [
        "clientVpnEndpointId", "timestamp", "connectionId", "username", "connectionEstablishedTime", "ingressBytes",
        "egressBytes", "ingressPackets", "egressPackets", "clientIp", "clientIpv6Address", "commonName", "status",
        "connectionEndTime", "postureComplianceStatusSet",
    ];

    // The bytes of the element names this reader takes: no prefix (':'), nothing outside ASCII.
    private static readonly SearchValues<byte> NameBytes = SearchValues.Create("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-."u8);

    // What makes a text other than plain: control characters (tab and line feed among them), an entity, a ']' of ']]>'.
    private static readonly SearchValues<byte> TextSpecialBytes = SearchValues.Create(
        "\u0000\u0001\u0002\u0003\u0004\u0005\u0006\u0007\u0008\u0009\u000A\u000B\u000C\u000D\u000E\u000F\u0010\u0011\u0012\u0013\u0014\u0015\u0016\u0017\u0018\u0019\u001A\u001B\u001C\u001D\u001E\u001F&]"u8);

    private const int ScratchLength = 16 * 1024;

    private static readonly string[] RootFields = ["requestId", "connections", "nextToken"];

    private static readonly string[] StatusFields = ["code", "message"];

    private static readonly string[] ItemOnly = ["item"];

    /// <summary>
    /// Reads <paramref name="body"/> into <paramref name="connections"/>; on success gives where the <c>connections</c>
    /// element lies (empty when there is none), so the caller can hand the SDK the rest of the answer. On failure,
    /// what <paramref name="connections"/> received must be dropped.
    /// </summary>
    public static bool TryRead(ReadOnlySpan<byte> body, ConnectionListingBuilder connections, out Range connectionsElement)
    {
        ArgumentNullException.ThrowIfNull(connections);
        connectionsElement = default;
        if (!Utf8.IsValid(body))
        {
            return false;
        }

        // One connection's text at a time: AWS's take a few hundred characters. A connection whose text does not fit
        // (a name of thousands of characters) leaves the page to the SDK.
        var scratch = ArrayPool<char>.Shared.Rent(ScratchLength);
        try
        {
            var reader = new Reader(body, scratch);
            return TryRead(ref reader, connections, out connectionsElement);
        }
        finally
        {
            ArrayPool<char>.Shared.Return(scratch);
        }
    }

    private static bool TryRead(ref Reader reader, ConnectionListingBuilder connections, out Range connectionsElement)
    {
        connectionsElement = default;
        if (!reader.TrySkipProlog() || !reader.TryReadStartTag(out var name, out var empty, root: true) || !name.SequenceEqual(Root))
        {
            return false;
        }

        var found = false;
        while (!empty)
        {
            reader.SkipWhitespace();
            if (reader.AtEndTag)
            {
                if (!reader.TryReadEndTag(Root))
                {
                    return false;
                }

                break;
            }

            var start = reader.Position;
            if (!reader.TryReadStartTag(out var child, out var childEmpty))
            {
                return false;
            }

            if (child.SequenceEqual("connections"))
            {
                if (found || !ReadConnections(ref reader, childEmpty, connections))
                {
                    return false;
                }

                found = true;
                connectionsElement = start..reader.Position;
            }
            else if (!reader.TrySkipUnknown(child, childEmpty, RootFields))
            {
                return false;
            }
        }

        reader.SkipWhitespace();
        return !empty && reader.AtEnd;
    }

    private static bool ReadConnections(ref Reader reader, bool empty, ConnectionListingBuilder connections)
    {
        while (!empty)
        {
            reader.SkipWhitespace();
            if (reader.AtEndTag)
            {
                return reader.TryReadEndTag("connections");
            }

            if (!reader.TryReadStartTag(out var name, out var itemEmpty))
            {
                return false;
            }

            if (!name.SequenceEqual("item"))
            {
                if (!reader.TrySkipUnknown(name, itemEmpty, ItemOnly))
                {
                    return false;
                }

                continue;
            }

            reader.ClearScratch();
            var connection = default(ConnectionText);
            if (!itemEmpty && !ReadConnection(ref reader, ref connection))
            {
                return false;
            }

            connections.Add(in connection);
        }

        return true;
    }

    private static bool ReadConnection(ref Reader reader, scoped ref ConnectionText connection)
    {
        while (true)
        {
            reader.SkipWhitespace();
            if (reader.AtEndTag)
            {
                return reader.TryReadEndTag("item");
            }

            if (!reader.TryReadStartTag(out var name, out var empty))
            {
                return false;
            }

            var ok = name switch
            {
                "status" => ReadStatus(ref reader, empty, ref connection),
                "postureComplianceStatusSet" => ReadPosture(ref reader, empty, ref connection),
                _ => ReadField(ref reader, name, empty, ref connection),
            };
            if (!ok)
            {
                return false;
            }
        }
    }

    private static bool ReadField(ref Reader reader, ReadOnlySpan<char> name, bool empty, scoped ref ConnectionText connection)
    {
        if (!IsStringField(name))
        {
            return reader.TrySkipUnknown(name, empty, ConnectionFields);
        }

        // An element without content is left to the SDK, which is the one to say what it means.
        if (empty || !reader.TryReadText(name, out var text))
        {
            return false;
        }

        var field = FieldText.Of(text);
        switch (name)
        {
            case "clientVpnEndpointId": break;
            case "timestamp": connection.Timestamp = field; break;
            case "connectionId": connection.ConnectionId = field; break;
            case "username": connection.Username = field; break;
            case "connectionEstablishedTime": connection.EstablishedTime = field; break;
            case "ingressBytes": connection.IngressBytes = field; break;
            case "egressBytes": connection.EgressBytes = field; break;
            case "ingressPackets": connection.IngressPackets = field; break;
            case "egressPackets": connection.EgressPackets = field; break;
            case "clientIp": connection.ClientIp = field; break;
            case "clientIpv6Address": connection.ClientIpv6Address = field; break;
            case "commonName": connection.CommonName = field; break;
            case "connectionEndTime": connection.EndTime = field; break;
            default: return false;
        }

        return true;
    }

    private static bool IsStringField(ReadOnlySpan<char> name) => name switch
    {
        "clientVpnEndpointId" or "timestamp" or "connectionId" or "username" or "connectionEstablishedTime" or "ingressBytes"
            or "egressBytes" or "ingressPackets" or "egressPackets" or "clientIp" or "clientIpv6Address" or "commonName"
            or "connectionEndTime" => true,
        _ => false,
    };

    private static bool ReadStatus(ref Reader reader, bool empty, scoped ref ConnectionText connection)
    {
        // The SDK makes a status without a code for an empty element: a status that is absent, as here.
        connection.Status = default;
        while (!empty)
        {
            reader.SkipWhitespace();
            if (reader.AtEndTag)
            {
                return reader.TryReadEndTag("status");
            }

            if (!reader.TryReadStartTag(out var name, out var childEmpty))
            {
                return false;
            }

            if (name.SequenceEqual("code") || name.SequenceEqual("message"))
            {
                if (childEmpty || !reader.TryReadText(name, out var text))
                {
                    return false;
                }

                if (name[0] == 'c')
                {
                    connection.Status = FieldText.Of(text);
                }
            }
            else if (!reader.TrySkipUnknown(name, childEmpty, StatusFields))
            {
                return false;
            }
        }

        return true;
    }

    private static bool ReadPosture(ref Reader reader, bool empty, scoped ref ConnectionText connection)
    {
        // Like the SDK, a set without items leaves the list as it was (null when there was none).
        while (!empty)
        {
            reader.SkipWhitespace();
            if (reader.AtEndTag)
            {
                return reader.TryReadEndTag("postureComplianceStatusSet");
            }

            if (!reader.TryReadStartTag(out var name, out var childEmpty))
            {
                return false;
            }

            if (name.SequenceEqual("item"))
            {
                if (childEmpty || !reader.TryReadText(name, out var text))
                {
                    return false;
                }

                if (connection.PostureCount == 0)
                {
                    connection.FirstPosture = FieldText.Of(text);
                }
                else
                {
                    (connection.Postures ??= [connection.FirstPosture.AsString()!]).Add(text.ToString());
                }

                connection.PostureCount++;
            }
            else if (!reader.TrySkipUnknown(name, childEmpty, ItemOnly))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>A forward-only cursor over the answer's bytes. Every Try method that fails means: leave it to the SDK.</summary>
    private ref struct Reader(ReadOnlySpan<byte> body, Span<char> scratch)
    {
        private readonly ReadOnlySpan<byte> body = body;

        // The decoded text of the connection being read, field after field, and the last element name (short ASCII).
        private readonly Span<char> scratch = scratch;
        private int position;
        private int used;
        private Span<char> name;

        public readonly int Position => this.position;

        public readonly bool AtEnd => this.position == this.body.Length;

        public readonly bool AtEndTag => this.position + 1 < this.body.Length && this.body[this.position] == '<' && this.body[this.position + 1] == '/';

        /// <summary>Starts a connection: the text of the one before is no longer referred to.</summary>
        public void ClearScratch() => this.used = 0;

        public void SkipWhitespace()
        {
            while (this.position < this.body.Length && this.body[this.position] is (byte)' ' or (byte)'\t' or (byte)'\n' or (byte)'\r')
            {
                this.position++;
            }
        }

        public bool TrySkipProlog()
        {
            if (this.body.StartsWith("\uFEFF"u8))
            {
                this.position = 3;
            }

            if (this.body[this.position..].StartsWith("<?xml"u8))
            {
                var end = this.body[this.position..].IndexOf("?>"u8);
                if (end < 0)
                {
                    return false;
                }

                var declaration = this.body.Slice(this.position, end);
                var encoding = declaration.IndexOf("encoding="u8);
                if (encoding >= 0)
                {
                    var value = declaration[(encoding + "encoding=".Length)..];
                    if (value.Length < 7 || !Ascii.EqualsIgnoreCase(value.Slice(1, 5), "UTF-8"u8) || value[6] != value[0])
                    {
                        return false;
                    }
                }

                this.position += end + 2;
            }

            this.SkipWhitespace();
            return true;
        }

        /// <summary>Reads <c>&lt;name&gt;</c> or <c>&lt;name/&gt;</c>; only the root may carry attributes, and only namespace declarations.</summary>
        public bool TryReadStartTag(out ReadOnlySpan<char> elementName, out bool empty, bool root = false)
        {
            elementName = default;
            empty = false;
            if (this.position >= this.body.Length || this.body[this.position] != '<')
            {
                return false;
            }

            var start = this.position + 1;
            var nameLength = this.body[start..].IndexOfAnyExcept(NameBytes);
            var end = nameLength < 0 ? this.body.Length : start + nameLength;

            if (end == start || end - start > 64 || end >= this.body.Length)
            {
                return false;
            }

            if (this.name.IsEmpty)
            {
                this.name = new char[64];
            }

            var length = Encoding.ASCII.GetChars(this.body[start..end], this.name);
            elementName = this.name[..length];
            var close = this.body[end..].IndexOf((byte)'>');
            if (close < 0)
            {
                return false;
            }

            var rest = this.body.Slice(end, close);
            if (rest.EndsWith("/"u8))
            {
                empty = true;
                rest = rest[..^1];
            }

            // An attribute value could hold a '>': only the root's namespace declarations, quoted in pairs, are taken.
            var attributes = rest.Trim(" \t\n\r"u8);
            if (!attributes.IsEmpty && (!root || !attributes.StartsWith("xmlns"u8) || attributes.Contains((byte)'&')
                || rest.Length == attributes.Length || (attributes.Count((byte)'"') % 2) != 0 || attributes.Contains((byte)'\'')))
            {
                return false;
            }

            this.position = end + close + 1;
            return true;
        }

        public bool TryReadEndTag(ReadOnlySpan<char> elementName)
        {
            if (!this.AtEndTag)
            {
                return false;
            }

            var rest = this.body[(this.position + 2)..];
            var nameLength = elementName.Length;
            if (rest.Length <= nameLength || !Ascii.Equals(rest[..nameLength], elementName))
            {
                return false;
            }

            var end = nameLength;
            while (end < rest.Length && rest[end] is (byte)' ' or (byte)'\t' or (byte)'\n' or (byte)'\r')
            {
                end++;
            }

            if (end >= rest.Length || rest[end] != '>')
            {
                return false;
            }

            this.position += 2 + end + 1;
            return true;
        }

        /// <summary>Reads the text of a leaf element up to its end tag, the entities decoded, into the scratch buffer.</summary>
        public bool TryReadText(ReadOnlySpan<char> elementName, out ReadOnlySpan<char> text)
        {
            text = default;
            var length = this.body[this.position..].IndexOf((byte)'<');
            if (length < 0)
            {
                return false;
            }

            var raw = this.body.Slice(this.position, length);

            // XML folds a carriage return into a line feed, and ]]> may not appear in text: not AWS's shape.
            var special = raw.IndexOfAny(TextSpecialBytes) >= 0;
            if (special && (raw.Contains((byte)'\r') || raw.IndexOf("]]>"u8) >= 0 || HasForbiddenControl(raw)))
            {
                return false;
            }

            // A text's characters are never more than its bytes, decoded or not.
            var into = this.scratch[this.used..];
            if (raw.Length > into.Length)
            {
                return false;
            }

            int written;
            if (special && raw.Contains((byte)'&'))
            {
                if (!TryDecode(raw, into, out written))
                {
                    return false;
                }
            }
            else
            {
                written = Encoding.UTF8.GetChars(raw, into);
            }

            text = into[..written];
            this.used += written;
            this.position += length;
            return this.TryReadEndTag(elementName);
        }

        /// <summary>
        /// Skips an element this reader does not use, with everything in it. One whose name matches a field's but for
        /// case would be read by the SDK (it matches names ignoring case), so it is declined.
        /// </summary>
        public bool TrySkipUnknown(ReadOnlySpan<char> elementName, bool empty, string[] fieldsHere)
        {
            foreach (var field in fieldsHere)
            {
                if (elementName.Equals(field, StringComparison.OrdinalIgnoreCase) && !elementName.SequenceEqual(field))
                {
                    return false;
                }
            }

            if (empty)
            {
                return true;
            }

            var outer = elementName.ToString();
            while (true)
            {
                var next = this.body[this.position..].IndexOf((byte)'<');
                if (next < 0)
                {
                    return false;
                }

                var text = this.body.Slice(this.position, next);
                if (text.Contains((byte)'&') && (text.Length > this.scratch.Length - this.used || !TryDecode(text, this.scratch[this.used..], out _)))
                {
                    return false;
                }

                this.position += next;
                if (this.AtEndTag)
                {
                    return this.TryReadEndTag(outer);
                }

                if (!this.TryReadStartTag(out var child, out var childEmpty))
                {
                    return false;
                }

                if (!this.TrySkipUnknown(child, childEmpty, []))
                {
                    return false;
                }
            }
        }


        private static bool HasForbiddenControl(ReadOnlySpan<byte> raw)
        {
            foreach (var b in raw)
            {
                if (b < 0x20 && b is not ((byte)'\t' or (byte)'\n'))
                {
                    return true;
                }
            }

            return false;
        }

        private static bool TryDecode(ReadOnlySpan<byte> raw, Span<char> into, out int written)
        {
            written = 0;
            while (!raw.IsEmpty)
            {
                var amp = raw.IndexOf((byte)'&');
                if (amp < 0)
                {
                    written += Encoding.UTF8.GetChars(raw, into[written..]);
                    break;
                }

                written += Encoding.UTF8.GetChars(raw[..amp], into[written..]);
                raw = raw[(amp + 1)..];
                var semicolon = raw.IndexOf((byte)';');
                if (semicolon <= 0 || semicolon > 10)
                {
                    return false;
                }

                var entity = raw[..semicolon];
                raw = raw[(semicolon + 1)..];
                var character = entity switch
                {
                    _ when entity.SequenceEqual("lt"u8) => '<',
                    _ when entity.SequenceEqual("gt"u8) => '>',
                    _ when entity.SequenceEqual("amp"u8) => '&',
                    _ when entity.SequenceEqual("quot"u8) => '"',
                    _ when entity.SequenceEqual("apos"u8) => '\'',
                    _ => '\0',
                };
                if (character != '\0')
                {
                    into[written++] = character;
                }
                else if (!TryDecodeCharacter(entity, into[written..], ref written))
                {
                    return false;
                }
            }

            return true;
        }

        // A character reference is at least 4 bytes (&#9;) and its character at most 2 chars: it fits where it was.
        private static bool TryDecodeCharacter(ReadOnlySpan<byte> entity, Span<char> into, ref int written)
        {
            if (entity.Length < 2 || entity[0] != '#')
            {
                return false;
            }

            var hex = entity[1] == 'x';
            var digits = entity[(hex ? 2 : 1)..];
            if (digits.IsEmpty || !Utf8Parser.TryParse(digits, out uint code, out var consumed, hex ? 'x' : default) || consumed != digits.Length)
            {
                return false;
            }

            // Only characters XML allows may be referenced (XML 1.0, Char).
            var allowed = code is 0x9 or 0xA or 0xD or (>= 0x20 and <= 0xD7FF) or (>= 0xE000 and <= 0xFFFD) or (>= 0x10000 and <= 0x10FFFF);
            if (!allowed)
            {
                return false;
            }

            written += new Rune(code).EncodeToUtf16(into);
            return true;
        }
    }
}
