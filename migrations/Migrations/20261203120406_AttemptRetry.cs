using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Practice.Data.Migrations
{
    /// <inheritdoc />
    public partial class AttemptRetry : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string[]>(
                name: "Asked",
                table: "attempts",
                type: "text[]",
                nullable: true);

            migrationBuilder.AddColumn<Guid>(
                name: "RetryOf",
                table: "attempts",
                type: "uuid",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "Asked",
                table: "attempts");

            migrationBuilder.DropColumn(
                name: "RetryOf",
                table: "attempts");
        }
    }
}
