using System.Reflection;
using Any = Google.Protobuf.WellKnownTypes.Any;
using Google.Rpc;
using Grpc.AspNetCore.Server.Model;
using Grpc.Core;
using Microsoft.AspNetCore.Routing;

namespace DataAccessBroker.Server.Errors;

/// <summary>
/// Receives the methods a generated <c>BindService</c> lists and adds each to the endpoint model with a request
/// decoder that turns a failure into INVALID_ARGUMENT. The handler is the service's override of the method, found by
/// name as Grpc.AspNetCore finds it; its attributes and the service's ([Authorize] …) are the endpoint's metadata.
/// </summary>
internal sealed class DecodingServiceBinder<TService>(ServiceMethodProviderContext<TService> context, Type serviceBase)
    : ServiceBinderBase where TService : class
{
    public override void AddMethod<TRequest, TResponse>(Method<TRequest, TResponse> method, UnaryServerMethod<TRequest, TResponse>? handler)
    {
        var (invoker, metadata) = Handler<UnaryServerMethod<TService, TRequest, TResponse>>(method.Name, typeof(TRequest), typeof(ServerCallContext));
        context.AddUnaryMethod(Decoding(method), metadata, invoker);
    }

    public override void AddMethod<TRequest, TResponse>(Method<TRequest, TResponse> method, ServerStreamingServerMethod<TRequest, TResponse>? handler)
    {
        var (invoker, metadata) = Handler<ServerStreamingServerMethod<TService, TRequest, TResponse>>(
            method.Name, typeof(TRequest), typeof(IServerStreamWriter<TResponse>), typeof(ServerCallContext));
        context.AddServerStreamingMethod(Decoding(method), metadata, invoker);
    }

    public override void AddMethod<TRequest, TResponse>(Method<TRequest, TResponse> method, ClientStreamingServerMethod<TRequest, TResponse>? handler)
    {
        var (invoker, metadata) = Handler<ClientStreamingServerMethod<TService, TRequest, TResponse>>(
            method.Name, typeof(IAsyncStreamReader<TRequest>), typeof(ServerCallContext));
        context.AddClientStreamingMethod(Decoding(method), metadata, invoker);
    }

    public override void AddMethod<TRequest, TResponse>(Method<TRequest, TResponse> method, DuplexStreamingServerMethod<TRequest, TResponse>? handler)
    {
        var (invoker, metadata) = Handler<DuplexStreamingServerMethod<TService, TRequest, TResponse>>(
            method.Name, typeof(IAsyncStreamReader<TRequest>), typeof(IServerStreamWriter<TResponse>), typeof(ServerCallContext));
        context.AddDuplexStreamingMethod(Decoding(method), metadata, invoker);
    }

    private static Method<TRequest, TResponse> Decoding<TRequest, TResponse>(Method<TRequest, TResponse> method)
        where TRequest : class where TResponse : class
    {
        var decode = method.RequestMarshaller.ContextualDeserializer;
        return new Method<TRequest, TResponse>(method.Type, method.ServiceName, method.Name,
            Marshallers.Create(method.RequestMarshaller.ContextualSerializer, deserialization =>
            {
                try
                {
                    return decode(deserialization);
                }
                catch (Exception e) when (e is not RpcException)
                {
                    throw Malformed(typeof(TRequest).Name, e);
                }
            }),
            method.ResponseMarshaller);
    }

    private static RpcException Malformed(string message, Exception cause) => new Google.Rpc.Status
    {
        Code = (int)Code.InvalidArgument,
        Message = $"the request is not a valid {message}: {cause.Message}",
        Details = { Any.Pack(new ErrorInfo { Reason = "MALFORMED_REQUEST", Domain = ErrorMappingInterceptor.ErrorDomain }) },
    }.ToRpcException();

    private (TDelegate Invoker, List<object> Metadata) Handler<TDelegate>(string name, params Type[] parameters) where TDelegate : Delegate
    {
        var handler = Override(name, parameters) ?? throw new InvalidOperationException($"{typeof(TService)} does not implement {name}");
        var metadata = new List<object>();
        // The service's attributes first, the method's after them: the method's take precedence.
        metadata.AddRange(typeof(TService).GetCustomAttributes(inherit: true));
        metadata.AddRange(handler.GetCustomAttributes(inherit: true));
        metadata.Add(new HttpMethodMetadata(["POST"], acceptCorsPreflight: true));
        return ((TDelegate)Delegate.CreateDelegate(typeof(TDelegate), handler), metadata);
    }

    /// <summary>The service's public override of the generated base method (a method that only hides it does not count).</summary>
    private MethodInfo? Override(string name, Type[] parameters)
    {
        for (var type = typeof(TService); type is not null; type = type.BaseType)
        {
            var method = type.GetMethod(name, BindingFlags.Public | BindingFlags.Instance, null, parameters, null);
            if (method is null) return null;
            if (method.IsVirtual && method.GetBaseDefinition().DeclaringType == serviceBase) return method;
        }

        return null;
    }
}
