export { dummyPasswordHash, hashPassword, verifyPassword } from './password.js';
export { AdminBootstrapService } from './admin-bootstrap.service.js';
