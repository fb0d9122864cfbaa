using System.Net;
using ClientVpnExporter.Connections;

namespace ClientVpnExporter.Aws;

/// <summary>
/// Lets a reader of <c>DescribeClientVpnConnections</c> take each page's connections from <see cref="ConnectionPageXml"/>
/// while the SDK's paginator still makes the calls, signs, retries and follows <c>nextToken</c>. The reader puts a
/// capture in place for its async flow; <see cref="BudgetedHttpHandler"/>, which sees each successful answer in a
/// buffer before the SDK does, reads the connections out of it and removes the <c>connections</c> element, so the
/// SDK unmarshals only the rest. An answer the fast reader declines reaches the SDK whole, and the page's
/// connections are then the SDK's.
/// </summary>
/// <param name="strings">The strings of the listing the pages belong to.</param>
internal sealed class ConnectionPageCapture(StringPool strings)
{
    private static readonly AsyncLocal<ConnectionPageCapture?> Capturing = new();

    private ConnectionListingBuilder? page;

    /// <summary>The capture of the current async flow, if any.</summary>
    public static ConnectionPageCapture? Current => Capturing.Value;

    /// <summary>How many pages were read by <see cref="ConnectionPageXml"/> and how many were left to the SDK.</summary>
    public int PagesRead { get; private set; }

    public int PagesLeftToSdk { get; private set; }

    /// <summary>Makes this the capture of the calls made from here on in the current async flow, until disposed.</summary>
    public Scope Capture()
    {
        var previous = Capturing.Value;
        Capturing.Value = this;
        return new Scope(previous);
    }

    /// <summary>
    /// The connections of the page the SDK just returned, parsed, when they were read from its answer; null when the
    /// answer was left to the SDK, whose page then holds them.
    /// </summary>
    public ConnectionListingBuilder? TakePage()
    {
        var read = this.page;
        this.page = null;
        return read;
    }

    /// <summary>Called for every HTTP attempt of the capturing flow; a later attempt replaces what an earlier one left.</summary>
    internal void OnAnswer(string operation, HttpResponseMessage response)
    {
        if (operation != Ec2Operations.DescribeClientVpnConnections)
        {
            return;
        }

        this.page = null;
        if (response.StatusCode != HttpStatusCode.OK || response.Content is not PooledContent content)
        {
            return;
        }

        var read = new ConnectionListingBuilder(strings);
        if (ConnectionPageXml.TryRead(content.Body, read, out var element))
        {
            content.Remove(element);
            this.page = read;
            this.PagesRead++;
        }
        else
        {
            this.PagesLeftToSdk++;
        }
    }

    /// <summary>Puts the previous capture back.</summary>
    internal readonly struct Scope(ConnectionPageCapture? previous) : IDisposable
    {
        public void Dispose() => Capturing.Value = previous;
    }
}
