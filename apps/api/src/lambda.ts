import { handle } from "hono/aws-lambda";
import { createApp } from "./app";

/** API Gateway HTTP API (v2) entry point; services are built from the environment once per container. */
export const handler = handle(createApp());
