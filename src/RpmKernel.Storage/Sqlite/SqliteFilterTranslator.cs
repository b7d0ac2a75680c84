using System.Collections;
using System.Globalization;
using System.Linq.Expressions;
using System.Text;
using Microsoft.Extensions.VectorData.ProviderServices;
using Microsoft.Extensions.VectorData.ProviderServices.Filter;

namespace RpmKernel.Storage.Sqlite;

/// <summary>
/// Translates a LINQ filter into a parameterized SQLite condition. The shared
/// <see cref="FilterTranslatorBase"/> binds properties and turns captured variables into
/// <see cref="QueryParameterExpression"/>s; this class only writes SQL. Equality uses SQLite's
/// null-safe <c>IS</c> / <c>IS NOT</c>, so a condition is never NULL and <c>!</c> means what it
/// means in C#.
/// </summary>
internal sealed class SqliteFilterTranslator : FilterTranslatorBase
{
    private const string Supported =
        "The SQLite store translates ==, !=, &&, ||, !, bool properties, constants and captured variables, and list.Contains(r.Property) over a list of values.";

    private readonly StringBuilder _sql = new();
    private readonly List<KeyValuePair<string, object>> _parameters = [];

    private SqliteFilterTranslator()
    {
    }

    /// <summary>Translates <paramref name="filter"/> over the properties of <paramref name="model"/>.</summary>
    /// <exception cref="NotSupportedException">The filter uses an expression the store cannot translate.</exception>
    internal static SqliteFilter Translate(LambdaExpression filter, CollectionModel model)
    {
        ArgumentNullException.ThrowIfNull(filter);
        ArgumentNullException.ThrowIfNull(model);

        var translator = new SqliteFilterTranslator();
        var body = translator.PreprocessFilter(filter, model, new FilterPreprocessingOptions { SupportsParameterization = true });
        translator.Condition(body);
        return new SqliteFilter(translator._sql.ToString(), translator._parameters);
    }

    /// <summary>Writes an expression that must be true or false.</summary>
    private void Condition(Expression node)
    {
        switch (node)
        {
            case BinaryExpression { NodeType: ExpressionType.AndAlso or ExpressionType.OrElse } logical:
                _sql.Append('(');
                Condition(logical.Left);
                _sql.Append(logical.NodeType == ExpressionType.AndAlso ? " AND " : " OR ");
                Condition(logical.Right);
                _sql.Append(')');
                return;

            case BinaryExpression { NodeType: ExpressionType.Equal or ExpressionType.NotEqual } comparison:
                _sql.Append('(');
                Value(comparison.Left);
                _sql.Append(comparison.NodeType == ExpressionType.Equal ? " IS " : " IS NOT ");
                Value(comparison.Right);
                _sql.Append(')');
                return;

            case UnaryExpression { NodeType: ExpressionType.Not } not:
                _sql.Append("(NOT ");
                Condition(not.Operand);
                _sql.Append(')');
                return;

            case MethodCallExpression call when TryMatchContains(call, out var source, out var item):
                Contains(source, item, call);
                return;

            // A bool property, constant or captured variable used as a condition on its own.
            case { Type: var type } when type == typeof(bool) || type == typeof(bool?):
                _sql.Append('(');
                Value(node);
                _sql.Append(" IS 1)");
                return;

            default:
                throw Unsupported(node);
        }
    }

    /// <summary>Writes an expression that produces a value: a column or a parameter.</summary>
    private void Value(Expression node)
    {
        if (TryBindProperty(node, out var property))
        {
            _sql.Append(SqliteSchema.Quote(property.StorageName));
            return;
        }

        switch (node)
        {
            case QueryParameterExpression parameter:
                Parameter(parameter.Value);
                return;

            case ConstantExpression constant:
                Parameter(constant.Value);
                return;

            // Lifting to nullable, as in r.NullableInt == 8.
            case UnaryExpression { NodeType: ExpressionType.Convert } convert
                when Nullable.GetUnderlyingType(convert.Type) == convert.Operand.Type:
                Value(convert.Operand);
                return;

            default:
                throw Unsupported(node);
        }
    }

    private void Contains(Expression source, Expression item, MethodCallExpression call)
    {
        if (!TryBindProperty(item, out var property))
        {
            throw Unsupported(call);
        }

        IEnumerable values = source switch
        {
            QueryParameterExpression { Value: IEnumerable captured } => captured,
            ConstantExpression { Value: IEnumerable constant } => constant,
            NewArrayExpression array => array.Expressions.Select(ConstantValue).ToList(),
            _ => throw Unsupported(call),
        };

        var column = SqliteSchema.Quote(property.StorageName);
        var list = values.Cast<object?>().ToList();

        // IN never matches NULL, so a null in the list is tested separately, and a NULL column
        // is excluded explicitly so that NOT (...) stays two-valued.
        var nonNull = list.Where(v => v is not null).ToList();
        var hasNull = nonNull.Count != list.Count;
        _sql.Append('(').Append(column).Append(hasNull ? " IS NULL OR " : " IS NOT NULL AND ");
        if (nonNull.Count == 0)
        {
            _sql.Append('0');
        }
        else
        {
            _sql.Append(column).Append(" IN (");
            for (var i = 0; i < nonNull.Count; i++)
            {
                _sql.Append(i == 0 ? "" : ", ");
                Parameter(nonNull[i]);
            }

            _sql.Append(')');
        }

        _sql.Append(')');

        object? ConstantValue(Expression element) => element switch
        {
            ConstantExpression { Value: var value } => value,
            QueryParameterExpression { Value: var value } => value,
            UnaryExpression { NodeType: ExpressionType.Convert, Operand: var operand } => ConstantValue(operand),
            _ => throw Unsupported(call),
        };
    }

    private void Parameter(object? value)
    {
        if (value is null)
        {
            _sql.Append("NULL");
            return;
        }

        var name = "@f" + _parameters.Count.ToString(CultureInfo.InvariantCulture);
        _parameters.Add(new(name, SqliteValues.ToDb(value)));
        _sql.Append(name);
    }

    private static NotSupportedException Unsupported(Expression node)
        => new($"The filter part '{node}' cannot be translated to SQL. {Supported} Rewrite the filter with those, or filter the results in memory.");
}
