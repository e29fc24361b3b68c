export { Badge, type BadgeTone } from "./Badge";
export { Button } from "./Button";
export { Card } from "./Card";
export { Dialog } from "./Dialog";
export { EmptyState } from "./EmptyState";
export { ErrorPanel } from "./ErrorPanel";
export { Input, TextAreaField, TextField } from "./Input";
export { Loading, Skeleton, Spinner } from "./Spinner";
export * from "./icons";
