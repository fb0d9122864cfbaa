using System.Net;
using Amazon.EC2.Model;

namespace ClientVpnExporter.Aws;

/// <summary>
/// Lets a reader of <c>DescribeClientVpnConnections</c> take each page's connections from <see cref="ConnectionPageXml"/>
/// while the SDK's paginator still makes the calls, signs, retries and follows <c>nextToken</c>. The reader puts a
/// capture in place for its async flow; <see cref="BudgetedHttpHandler"/>, which sees each successful answer in a
/// buffer before the SDK does, reads the connections out of it and removes the <c>connections</c> element, so the
/// SDK unmarshals only the rest. An answer the fast reader declines reaches the SDK whole, and the page's
/// connections are then the SDK's.
/// </summary>
internal sealed class ConnectionPageCapture
{
    private static readonly AsyncLocal<ConnectionPageCapture?> Capturing = new();

    private List<ClientVpnConnection>? page;

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
    /// The connections of the page the SDK just returned: those read from its answer, or <paramref name="unmarshalled"/>
    /// (the SDK's own) when the answer was left to it.
    /// </summary>
    public List<ClientVpnConnection> TakePage(List<ClientVpnConnection>? unmarshalled)
    {
        var captured = this.page;
        this.page = null;
        return captured ?? unmarshalled ?? [];
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

        if (ConnectionPageXml.TryRead(content.Body, out var connections, out var element))
        {
            content.Remove(element);
            this.page = connections;
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
