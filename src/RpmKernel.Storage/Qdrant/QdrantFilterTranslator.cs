using System.Collections;
using System.Linq.Expressions;
using Google.Protobuf.Collections;
using Microsoft.Extensions.VectorData.ProviderServices;
using Microsoft.Extensions.VectorData.ProviderServices.Filter;
using Qdrant.Client.Grpc;
using Expression = System.Linq.Expressions.Expression;

namespace RpmKernel.Storage.Qdrant;

/// <summary>
/// Translates a LINQ filter into a Qdrant <see cref="Filter"/> whose <c>must</c> list holds one
/// condition per conjunct. The shared <see cref="FilterTranslatorBase"/> binds properties and
/// evaluates captured variables; this class only builds conditions, and refuses anything it
/// cannot translate exactly rather than filtering less than asked.
/// </summary>
internal sealed class QdrantFilterTranslator : FilterTranslatorBase
{
    private const string Supported =
        "The Qdrant store translates r.Property == value (strings, numbers, bools, GUIDs, times, null), &&, the constant true (everything), and list.Contains(r.Property) over strings or whole numbers.";

    private QdrantFilterTranslator()
    {
    }

    /// <summary>Translates <paramref name="filter"/> over the properties of <paramref name="model"/>; <c>e => true</c> gives an empty filter, which matches every point.</summary>
    /// <exception cref="NotSupportedException">The filter uses an expression the store cannot translate.</exception>
    internal static Filter Translate(LambdaExpression filter, CollectionModel model)
    {
        ArgumentNullException.ThrowIfNull(filter);
        ArgumentNullException.ThrowIfNull(model);

        var translator = new QdrantFilterTranslator();
        var body = translator.PreprocessFilter(filter, model, new FilterPreprocessingOptions { SupportsParameterization = false });
        var result = new Filter();
        translator.AddConditions(body, result.Must);
        return result;
    }

    private void AddConditions(Expression node, RepeatedField<Condition> must)
    {
        switch (node)
        {
            case BinaryExpression { NodeType: ExpressionType.AndAlso } and:
                AddConditions(and.Left, must);
                AddConditions(and.Right, must);
                return;

            // Adds no condition: an empty must list matches every point.
            case ConstantExpression { Value: true }:
                return;

            case BinaryExpression { NodeType: ExpressionType.Equal } equal:
                must.Add(Equality(equal));
                return;

            case MethodCallExpression call when TryMatchContains(call, out var source, out var item):
                must.Add(Contains(source, item, call));
                return;

            default:
                throw Unsupported(node);
        }
    }

    private Condition Equality(BinaryExpression equal)
    {
        var (property, valueNode) = TryBindProperty(Unlift(equal.Left), out var left) ? (left, equal.Right)
            : TryBindProperty(Unlift(equal.Right), out var right) ? (right, equal.Left)
            : throw Unsupported(equal);
        var value = ConstantValue(valueNode, equal);

        if (property is KeyPropertyModel)
        {
            return value is Guid key
                ? new Condition { HasId = new HasIdCondition { HasId = { QdrantPayload.ToPointId(key) } } }
                : throw Unsupported(equal);
        }

        var payload = QdrantPayload.ToValue(value);
        var field = new FieldCondition { Key = property.StorageName };
        switch (payload.KindCase)
        {
            case Value.KindOneofCase.NullValue:
                return new Condition { IsNull = new IsNullCondition { Key = property.StorageName } };
            case Value.KindOneofCase.StringValue:
                field.Match = new Match { Keyword = payload.StringValue };
                break;
            case Value.KindOneofCase.IntegerValue:
                field.Match = new Match { Integer = payload.IntegerValue };
                break;
            case Value.KindOneofCase.BoolValue:
                field.Match = new Match { Boolean = payload.BoolValue };
                break;

            // Qdrant has no exact match on floats; a closed range of one value is one.
            case Value.KindOneofCase.DoubleValue:
                field.Range = new global::Qdrant.Client.Grpc.Range { Gte = payload.DoubleValue, Lte = payload.DoubleValue };
                break;
            default:
                throw Unsupported(equal);
        }

        return new Condition { Field = field };
    }

    private Condition Contains(Expression source, Expression item, MethodCallExpression call)
    {
        if (!TryBindProperty(Unlift(item), out var property) || property is KeyPropertyModel)
        {
            throw Unsupported(call);
        }

        var values = source switch
        {
            ConstantExpression { Value: IEnumerable constant } => constant.Cast<object?>().ToList(),
            QueryParameterExpression { Value: IEnumerable captured } => captured.Cast<object?>().ToList(),
            NewArrayExpression array => array.Expressions.Select(e => ConstantValue(e, call)).ToList(),
            _ => throw Unsupported(call),
        };

        // Must-not of an empty filter (which matches everything) matches nothing, as an empty list should.
        if (values.Count == 0)
        {
            var nothing = new Filter();
            nothing.MustNot.Add(new Condition { Filter = new Filter() });
            return new Condition { Filter = nothing };
        }

        var payloads = values.Select(QdrantPayload.ToValue).ToList();
        var match = new Match();
        if (payloads.All(p => p.KindCase == Value.KindOneofCase.StringValue))
        {
            match.Keywords = new RepeatedStrings { Strings = { payloads.Select(p => p.StringValue) } };
        }
        else if (payloads.All(p => p.KindCase == Value.KindOneofCase.IntegerValue))
        {
            match.Integers = new RepeatedIntegers { Integers = { payloads.Select(p => p.IntegerValue) } };
        }
        else
        {
            throw Unsupported(call);
        }

        return new Condition { Field = new FieldCondition { Key = property.StorageName, Match = match } };
    }

    private static object? ConstantValue(Expression node, Expression whole) => Unlift(node) switch
    {
        ConstantExpression { Value: var value } => value,
        QueryParameterExpression { Value: var value } => value,
        _ => throw Unsupported(whole),
    };

    // Lifting to nullable, as in r.NullableInt == 8.
    private static Expression Unlift(Expression node)
        => node is UnaryExpression { NodeType: ExpressionType.Convert } convert && Nullable.GetUnderlyingType(convert.Type) == convert.Operand.Type
            ? convert.Operand
            : node;

    private static NotSupportedException Unsupported(Expression node)
        => new($"The filter part '{node}' cannot be translated to a Qdrant filter. {Supported} Rewrite the filter with those, or filter the results in memory.");
}
