using ClientVpnSimulator.Sts;

namespace ClientVpnSimulator.Protocol;

/// <summary>An error answer, in the error format of the service whose action was asked for.</summary>
internal sealed class ErrorQueryResult : QueryResult
{
    /// <summary>Creates the answer to request <paramref name="requestId"/>.</summary>
    public ErrorQueryResult(QueryError error, string requestId, QueryService service = QueryService.Ec2)
    {
        this.Error = error;
        this.RequestId = requestId;
        this.Service = service;
    }

    /// <summary>The error reported.</summary>
    public QueryError Error { get; }

    /// <summary>The id of the request answered.</summary>
    public string RequestId { get; }

    /// <summary>Whose format the error is written in.</summary>
    public QueryService Service { get; }

    /// <inheritdoc/>
    public override int StatusCode => this.Error.StatusCode;

    /// <inheritdoc/>
    public override void WriteTo(Stream stream)
    {
        using var writer = Ec2Xml.CreateWriter(stream);
        writer.WriteStartDocument();
        if (this.Service == QueryService.Sts)
        {
            // STS: <ErrorResponse><Error><Type/><Code/><Message/></Error><RequestId/></ErrorResponse>, namespaced.
            writer.WriteStartElement("ErrorResponse", StsXml.Namespace);
            writer.WriteStartElement("Error");
            writer.WriteElementString("Type", this.Error.StatusCode >= 500 ? "Receiver" : "Sender");
            writer.WriteElementString("Code", this.Error.Code);
            writer.WriteElementString("Message", this.Error.Message);
            writer.WriteEndElement();
            writer.WriteElementString("RequestId", this.RequestId);
        }
        else
        {
            // EC2: <Response><Errors><Error><Code/><Message/></Error></Errors><RequestID/></Response>, no namespace.
            writer.WriteStartElement("Response");
            writer.WriteStartElement("Errors");
            writer.WriteStartElement("Error");
            writer.WriteElementString("Code", this.Error.Code);
            writer.WriteElementString("Message", this.Error.Message);
            writer.WriteEndElement();
            writer.WriteEndElement();
            writer.WriteElementString("RequestID", this.RequestId);
        }

        writer.WriteEndElement();
        writer.WriteEndDocument();
    }
}
