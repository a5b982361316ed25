using System.Collections;
using System.Text;
using DataAccessBroker.Contracts.V1;
using DataAccessBroker.Server.Errors;
using DataAccessBroker.Server.Mapping;
using Google.Protobuf;
using Google.Protobuf.Reflection;
using Grpc.Core;
using Xunit.Abstractions;

namespace DataAccessBroker.IntegrationTests;

/// <summary>
/// Every RPC of the contract, taken from its descriptors (a new RPC or field is covered without a line here), sent
/// input chosen to break it: text with NUL and other control characters, bytes that are not UTF-8, 1 MB strings,
/// 10,000-element lists, bytes that are no protobuf at all. Each answer is a deliberate status whose error fits in the
/// 8 KiB of headers gRPC clients accept; nothing is written; and the broker then serves a whole lifecycle.
/// </summary>
public sealed class HostileInputTests(BrokerFixture broker, ITestOutputHelper output) : IClassFixture<BrokerFixture>
{
    private const int HeaderLimit = 8 * 1024;
    private static readonly StatusCode[] Accidental = [StatusCode.Internal, StatusCode.Unknown, StatusCode.DataLoss];
    private static readonly string[] Tables =
        ["applications", "stage_tasks", "application_events", "sla_timers", "catalog_data_sources", "catalog_rek_committees", "node_inbox"];

    public static TheoryData<string> Attacks() =>
        ["nul", "bell", "escape", "c1-control", "not-utf8", "one-megabyte", "ten-thousand-elements", "undecodable"];

    [Theory]
    [MemberData(nameof(Attacks))]
    public async Task Every_rpc_answers_hostile_input_with_a_deliberate_bounded_status_and_writes_nothing(string attack)
    {
        var before = await CountsAsync();
        var answers = new List<(string Rpc, StatusCode Code, int HeaderBytes)>();
        foreach (var method in Contract.Methods)
        {
            foreach (var request in Requests(method, attack))
            {
                var (code, headerBytes) = await CallAsync(method, request);
                answers.Add(($"{method.Service.Name}.{method.Name}", code, headerBytes));
            }
        }

        foreach (var group in answers.GroupBy(a => (a.Rpc, a.Code)))
        {
            output.WriteLine($"{group.Key.Rpc}: {group.Key.Code} ×{group.Count()}, largest error {group.Max(a => a.HeaderBytes)} bytes");
        }

        Assert.NotEmpty(answers);
        Assert.All(answers, a =>
        {
            Assert.False(Accidental.Contains(a.Code), $"{a.Rpc} answered {a.Code}");
            Assert.True(a.Code != StatusCode.OK, $"{a.Rpc} accepted {attack}");
            Assert.True(a.HeaderBytes < HeaderLimit, $"{a.Rpc}: an error of {a.HeaderBytes} bytes");
        });
        Assert.Equal(before, await CountsAsync());

        // The broker is unharmed: a whole lifecycle still goes through.
        var s = new Scenario(broker);
        var application = await s.SubmittedAsync();
        await s.ApproveRekAsync(application.Name);
        await s.ApproveDataOwnersAsync(application.Name);
        await s.ApproveHdsAsync(application.Name);
        await s.DeliverAllAsync(application.Name);
        Assert.Equal(Application.Types.State.Delivered, (await s.GetAsync(application.Name)).State);
    }

    [Fact]
    public async Task Ten_thousand_invalid_sources_make_an_error_of_at_most_ten_violations_and_the_count_of_all()
    {
        var application = Scenario.CompleteApplication("kreftregisteret");
        // Within the list's bound, so that the domain finds every element wrong: the count must still be told.
        application.DataSources.Clear();
        application.DataSources.Add(Enumerable.Range(0, 20).Select(i => new DataSourceRequest { DataSource = $"no-such-{i}" }));
        var request = new CreateApplicationRequest { Application = application };

        var (code, status) = await Scenario.FailureOf(() => new Scenario(broker).Ada.Applications.CreateApplicationAsync(request).ResponseAsync);

        Assert.Equal(StatusCode.InvalidArgument, code);
        Assert.Equal(BoundedStatus.MaxViolations, Scenario.FieldViolations(status).Count);
        var info = status!.Details.Single(d => d.Is(Google.Rpc.ErrorInfo.Descriptor)).Unpack<Google.Rpc.ErrorInfo>();
        Assert.True(int.Parse(info.Metadata["violations"]) > BoundedStatus.MaxViolations);
        Assert.Contains("more)", status.Message);
    }

    /// <summary>The requests one attack sends to one RPC; none when the RPC has no field the attack can use.</summary>
    private static IEnumerable<byte[]> Requests(MethodDescriptor method, string attack)
    {
        var strings = Contract.InputFields(method.InputType).Where(f => f.Field.FieldType == FieldType.String).ToList();
        var lists = Contract.InputFields(method.InputType).Where(f => f.Field.IsRepeated && !f.Field.IsMap).ToList();
        switch (attack)
        {
            case "undecodable":
                yield return Enumerable.Repeat((byte)0xFF, 64).ToArray();
                break;
            case "one-megabyte":
                foreach (var (path, _) in strings) yield return Build(method, p => p == path ? new string('a', 1 << 20) : "", 1);
                break;
            case "ten-thousand-elements":
                if (lists.Count > 0) yield return Build(method, _ => "v", 10_000);
                break;
            case "not-utf8" when strings.Count > 0:
                yield return NotUtf8(Build(method, _ => Marker, 1));
                break;
            case "nul" or "bell" or "escape" or "c1-control" when strings.Count > 0:
                var control = attack switch { "nul" => "\0", "bell" => "\a", "escape" => "\u001b", _ => "\u0085" };
                yield return Build(method, _ => $"a{control}b", 1);
                break;
        }
    }

    private const string Marker = "~~~~";

    /// <summary>A request of the RPC with every input field set: strings from <paramref name="text"/> by path, lists of <paramref name="elements"/>.</summary>
    private static byte[] Build(MethodDescriptor method, Func<string, string> text, int elements)
    {
        var request = (IMessage)Activator.CreateInstance(method.InputType.ClrType)!;
        Fill(request, "", text, elements, depth: 0);
        return request.ToByteArray();
    }

    private static void Fill(IMessage message, string path, Func<string, string> text, int elements, int depth)
    {
        foreach (var field in message.Descriptor.Fields.InFieldNumberOrder().Where(RequestLimits.IsInput))
        {
            if (field.IsMap) continue;
            var fieldPath = path.Length == 0 ? field.Name : $"{path}.{field.Name}";
            var ours = field.FieldType != FieldType.Message || field.MessageType.FullName.StartsWith("dataaccess.v1.", StringComparison.Ordinal);
            if (field.IsRepeated)
            {
                var list = (IList)field.Accessor.GetValue(message);
                for (var i = 0; i < elements; i++)
                {
                    if (field.FieldType == FieldType.String) list.Add(text(fieldPath));
                    else if (field.FieldType == FieldType.Message && ours && depth < 4)
                    {
                        var child = (IMessage)Activator.CreateInstance(field.MessageType.ClrType)!;
                        if (elements == 1) Fill(child, fieldPath, text, elements, depth + 1);
                        list.Add(child);
                    }
                }
            }
            else if (field.FieldType == FieldType.String)
            {
                field.Accessor.SetValue(message, text(fieldPath));
            }
            else if (field.FieldType == FieldType.Message && ours && depth < 4 && field.RealContainingOneof is null)
            {
                var child = (IMessage)Activator.CreateInstance(field.MessageType.ClrType)!;
                Fill(child, fieldPath, text, elements, depth + 1);
                field.Accessor.SetValue(message, child);
            }
        }

        // A oneof holds one member: the first message member, filled, so that its strings are attacked too.
        foreach (var oneof in message.Descriptor.Oneofs.Where(o => !o.IsSynthetic))
        {
            var member = oneof.Fields.FirstOrDefault(f => f.FieldType == FieldType.Message);
            if (member is null || depth >= 4) continue;
            var child = (IMessage)Activator.CreateInstance(member.MessageType.ClrType)!;
            Fill(child, path.Length == 0 ? member.Name : $"{path}.{member.Name}", text, elements, depth + 1);
            member.Accessor.SetValue(message, child);
        }
    }

    /// <summary>Every marker string's bytes replaced by a sequence that is not UTF-8.</summary>
    private static byte[] NotUtf8(byte[] bytes)
    {
        var marker = Encoding.UTF8.GetBytes(Marker);
        for (var at = bytes.AsSpan().IndexOf(marker); at >= 0; at = bytes.AsSpan().IndexOf(marker))
        {
            (bytes[at], bytes[at + 1], bytes[at + 2], bytes[at + 3]) = (0xC3, 0x28, 0xFF, 0xFE);
        }

        return bytes;
    }

    /// <summary>Sends the bytes as the RPC's request, as a user holding every role, and measures the error's headers.</summary>
    private async Task<(StatusCode Code, int HeaderBytes)> CallAsync(MethodDescriptor method, byte[] request)
    {
        var invoker = broker.Invoker(broker.TokenFor("root", "dab",
            "Applicant", "RekReviewer", "DataOwner", "HdsCaseOfficer", "Analyst", "Admin"));
        var passThrough = Marshallers.Create<byte[]>(b => b, b => b);
        try
        {
            if (method.IsServerStreaming)
            {
                var rpc = new Method<byte[], byte[]>(MethodType.ServerStreaming, method.Service.FullName, method.Name, passThrough, passThrough);
                using var call = invoker.AsyncServerStreamingCall(rpc, null, new CallOptions(), request);
                while (await call.ResponseStream.MoveNext(CancellationToken.None))
                {
                }
            }
            else
            {
                var rpc = new Method<byte[], byte[]>(MethodType.Unary, method.Service.FullName, method.Name, passThrough, passThrough);
                await invoker.AsyncUnaryCall(rpc, null, new CallOptions(), request);
            }

            return (StatusCode.OK, 0);
        }
        catch (RpcException e)
        {
            return (e.StatusCode, WireBytes(e));
        }
    }

    /// <summary>The error's trailers as they travel: binary ones base64-encoded, the message percent-encoded.</summary>
    private static int WireBytes(RpcException e) =>
        e.Trailers.Sum(t => t.Key.Length + (t.IsBinary ? Convert.ToBase64String(t.ValueBytes).Length : t.Value.Length))
        + "grpc-message".Length + Encoding.UTF8.GetBytes(e.Status.Detail).Sum(b => b is >= 0x20 and < 0x7F and not (byte)'%' ? 1 : 3);

    private async Task<IReadOnlyList<long>> CountsAsync()
    {
        var counts = new List<long>();
        foreach (var table in Tables) counts.Add(await broker.Database.CountAsync(table));
        return counts;
    }
}
